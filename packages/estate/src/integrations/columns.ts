/**
 * Reading an integrations inventory: which header names which field and each cell's reader.
 * The source and target must name applications: the organisation's current applications (by
 * reference, or by name when exactly one application has it), or, for a flow between councils,
 * another council's of the same reorganisation (by its reference, stored as it is).
 */
import { readFlag, readText } from '../contracts/values.ts';
import type { FieldSet } from '../inventory/columns.ts';
import type { CellReader, RowSpec } from '../inventory/read-rows.ts';
import type { ImportProblem } from '../model.ts';
import { INTEGRATION_FIELD_LABELS, INTEGRATION_FIELDS, type IntegrationField, type IntegrationValues } from './model.ts';

const APP = '( application| system| app)?( reference| ref| id| code| name)?';

export const INTEGRATION_HEADER_PATTERNS: Record<IntegrationField, readonly RegExp[]> = {
  reference: [
    /^(integration|interface|flow|data flow)( reference| ref| id| code| number| no)?$/,
    /^(reference|ref|id)( no| number| code)?$/,
  ],
  sourceApplication: [new RegExp(`^(source|from|sending)${APP}$`), /^(upstream|origin)( system| application)?$/],
  targetApplication: [new RegExp(`^(target|to|destination|receiving)${APP}$`), /^(downstream)( system| application)?$/],
  method: [/^(integration |transfer |interface )?(method|mechanism|type)$/, /^(technology|protocol|how)$/],
  frequency: [/^(frequency|how often|schedule)$/, /^(run )?frequency$/],
  dataCarried: [/^data( carried| flows?| exchanged| transferred| items)?$/, /^(payload|content)$/],
  carriesPersonalData: [/^(carries |contains |includes )?personal data( y n)?$/, /^(pii|personal)$/],
  owner: [/^(integration |flow |interface |business )?owner$/],
};

export const INTEGRATION_FIELD_SET: FieldSet<IntegrationField> = {
  noun: 'integration',
  fields: INTEGRATION_FIELDS,
  patterns: INTEGRATION_HEADER_PATTERNS,
  required: ['reference', 'sourceApplication', 'targetApplication'],
  labels: INTEGRATION_FIELD_LABELS,
};

const READERS: Record<IntegrationField, CellReader> = {
  reference: (t) => readText(t, 200),
  sourceApplication: (t) => readText(t, 200),
  targetApplication: (t) => readText(t, 200),
  method: (t) => readText(t, 200),
  frequency: (t) => readText(t, 200),
  dataCarried: (t) => readText(t, 2000),
  carriesPersonalData: readFlag,
  owner: (t) => readText(t, 500),
};

/** The applications an integration may name: by reference, and by name where one application has it. */
export interface KnownApplications {
  organisationCode: string;
  references: ReadonlySet<string>;
  /** References of the other councils' current applications in the same reorganisation → their council (flows between councils). */
  elsewhere: ReadonlyMap<string, string>;
  /** Lower-cased name → reference, for names only one application has. */
  byName: ReadonlyMap<string, string>;
  /** Where they came from, for messages: e.g. "casterbridge's current applications (import 4)". */
  described: string;
}

/**
 * The row reader for integrations, checking source and target against `known` (and putting
 * the application's reference in place of a name).
 */
export function integrationRows(known: KnownApplications): RowSpec<IntegrationField, IntegrationValues> {
  return {
    readers: READERS,
    labels: INTEGRATION_FIELD_LABELS,
    empty: () => ({
      reference: '',
      sourceApplication: '',
      targetApplication: '',
      method: null,
      frequency: null,
      dataCarried: null,
      carriesPersonalData: null,
      owner: null,
    }),
    required: ['reference', 'sourceApplication', 'targetApplication'],
    check: (values, row, mapping) => {
      const problems: ImportProblem[] = [];
      for (const field of ['sourceApplication', 'targetApplication'] as const) {
        const named = values[field];
        if (named === '') continue;
        if (known.references.has(named) || known.elsewhere.has(named)) continue;
        const byName = known.byName.get(named.toLowerCase());
        if (byName) {
          values[field] = byName;
          continue;
        }
        const which = field === 'sourceApplication' ? 'source' : 'target';
        problems.push({
          row,
          column: mapping[field],
          field,
          message:
            known.references.size === 0
              ? `The ${which} application "${named}" is not known: ${known.described} has no applications yet (import its applications first)`
              : `The ${which} application "${named}" is not one of ${known.described} (by reference or name)${known.elsewhere.size > 0 ? ', nor of the other councils of its reorganisation (by reference)' : ''}`,
        });
      }
      if (values.sourceApplication !== '' && values.sourceApplication === values.targetApplication && problems.length === 0)
        problems.push({
          row,
          column: mapping.targetApplication,
          field: 'targetApplication',
          message: `The source and target are the same application ("${values.sourceApplication}")`,
        });
      return problems;
    },
  };
}
