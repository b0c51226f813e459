/** Kysely types for convergence's tables (migrations/0006_convergence.sql says what each column means). */
import type { ColumnType } from 'kysely';

type At = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface ConvergenceSettingsTable {
  reorganisation_code: string;
  kind: 'weights' | 'switching-cost';
  version: number;
  settings: Json<Record<string, unknown>>;
  saved_by: string | null;
  saved_at: At;
}

export interface ConvergenceFlagsTable {
  organisation_code: string;
  application_reference: string;
  has_open_api: boolean | null;
  has_data_export: boolean | null;
  updated_by: string | null;
  updated_at: At;
}

export interface ConvergenceTargetsTable {
  reorganisation_code: string;
  capability_key: string;
  organisation_code: string;
  application_reference: string;
  rationale: string | null;
  chosen_by: string | null;
  chosen_at: At;
}

export interface ConvergencePlanItemsTable {
  reorganisation_code: string;
  item_key: string;
  stage: 'stabilise' | 'converge' | 'optimise';
  kind: 'protect' | 'choose-target' | 'move' | 'optimise';
  title: string;
  capability_key: string | null;
  organisation_code: string | null;
  application_reference: string | null;
  target_organisation_code: string | null;
  target_application_reference: string | null;
  start_date: string;
  end_date: string;
  notice_by: string | null;
  depends_on: Json<string[]>;
  is_protected: boolean;
  reasons: Json<string[]>;
  notes: string | null;
  is_edited: ColumnType<boolean, boolean | undefined, boolean>;
  updated_by: string | null;
  updated_at: At;
}

export interface ConvergenceStagesTable {
  reorganisation_code: string;
  stage: 'stabilise' | 'converge' | 'optimise';
  status: ColumnType<
    'not-started' | 'started' | 'complete',
    'not-started' | 'started' | 'complete' | undefined,
    'not-started' | 'started' | 'complete'
  >;
  hold_point: Json<unknown[]>;
  started_at: ColumnType<Date | string | null, Date | string | null | undefined, Date | string | null>;
  updated_by: string | null;
  updated_at: At;
}

export type ConvergenceTables = {
  estate_convergence_settings: ConvergenceSettingsTable;
  estate_convergence_flags: ConvergenceFlagsTable;
  estate_convergence_targets: ConvergenceTargetsTable;
  estate_convergence_plan_items: ConvergencePlanItemsTable;
  estate_convergence_stages: ConvergenceStagesTable;
};
