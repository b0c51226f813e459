/** Small input checks every authority function shares; each adds a problem a user can act on. */
import type { Problems } from '@joinery/core';
import { isIdentifierPart } from '../identifiers.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD. */
export const isDay = (value: unknown): value is string =>
  typeof value === 'string' && DAY.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** Text PostgreSQL can store (no NUL) of a sensible length; returns it trimmed. */
export function checkText(problems: Problems, field: string, label: string, value: unknown, max: number): string {
  if (typeof value !== 'string' || value.trim().length === 0) {
    problems.add({ field, message: `Give ${label}` });
    return '';
  }
  const text = value.trim();
  if (text.length > max) problems.add({ field, message: `${capitalise(label)} is at most ${max} characters (it is ${text.length})` });
  if (text.includes('\u0000')) problems.add({ field, message: `${capitalise(label)} contains a NUL character` });
  return text;
}

/** An identifier part (member, subsystem, gateway, service code): letters, digits, dot, underscore, hyphen. */
export function checkPart(problems: Problems, field: string, label: string, value: unknown): string {
  if (typeof value !== 'string' || !isIdentifierPart(value)) {
    problems.add({
      field,
      message: `${capitalise(label)} must be 1 to 63 letters, digits, dots, underscores or hyphens, starting with a letter or digit${typeof value === 'string' && value ? ` (it is "${shown(value)}")` : ''}`,
    });
    return '';
  }
  return value;
}

export function checkDay(problems: Problems, field: string, label: string, value: unknown): string {
  if (!isDay(value)) {
    problems.add({
      field,
      message: `${capitalise(label)} must be a date, YYYY-MM-DD${typeof value === 'string' ? ` (it is "${shown(value)}")` : ''}`,
    });
    return '';
  }
  return value;
}

/** A federation code: as an organisation code (it names a core partnership too). */
export const FEDERATION_CODE = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** A value quoted in a message: short, and without control characters. */
export const shown = (value: string): string => {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 64 ? `${clean.slice(0, 64)}…` : clean;
};

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** Whole days from one day to another (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
