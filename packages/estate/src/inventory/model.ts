/** The report and the history of an application or integration import (schemas for the API). */
import { Type, type Static } from 'typebox';
import { ImportMode, ImportProblem, MappingSource } from '../model.ts';

export const InventoryKind = Type.Union([Type.Literal('applications'), Type.Literal('integrations')]);
export type InventoryKind = Static<typeof InventoryKind>;

export const InventoryImportReport = Type.Object({
  importId: Type.Union([Type.Integer(), Type.Null()], { description: 'null for a preview' }),
  organisationCode: Type.String(),
  kind: InventoryKind,
  fileName: Type.String(),
  sha256: Type.String(),
  mode: ImportMode,
  keepValid: Type.Boolean(),
  rows: Type.Integer({ description: 'Data rows in the file: always imported + refused' }),
  imported: Type.Integer({ description: 'Rows stored (for a preview: rows that would be)' }),
  refused: Type.Integer(),
  problems: Type.Array(ImportProblem),
  mapping: Type.Record(Type.String(), Type.String(), { description: 'Field → the column of the file that holds it' }),
  mappingSource: MappingSource,
  mappingRemembered: Type.Boolean({ description: 'Whether the mapping is one remembered for files with these headers' }),
  ignoredColumns: Type.Array(Type.String(), { description: 'Columns no field reads (kept with each row as its source row)' }),
  applicationsKnown: Type.Optional(
    Type.Integer({ description: 'Integrations: how many applications their source and target were checked against' }),
  ),
});
export type InventoryImportReport = Static<typeof InventoryImportReport>;

export const InventoryImport = Type.Object({
  id: Type.Integer(),
  organisationCode: Type.String(),
  kind: InventoryKind,
  fileName: Type.String(),
  sha256: Type.String(),
  rows: Type.Integer(),
  imported: Type.Integer(),
  refused: Type.Integer(),
  importedBy: Type.Union([Type.String(), Type.Null()]),
  importedAt: Type.String(),
});
export type InventoryImport = Static<typeof InventoryImport>;
