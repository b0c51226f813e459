/**
 * What the routes share about uploads: a file from a multipart form (the server attaches
 * it as { filename, mimetype, content }) or a raw text/csv request body from a script.
 */
import { coreError } from '@joinery/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface UploadedFile {
  filename: string;
  mimetype: string;
  content: Buffer;
}

/** Accept text/csv request bodies (scripts, curl --data-binary) as a Buffer, within the upload limit. */
export function acceptCsvBodies(app: FastifyInstance, limitBytes: number): void {
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'buffer', bodyLimit: limitBytes }, (_request, body, done) =>
    done(null, body),
  );
}

/** The form's file field, or a specific error saying what to do. */
export function uploadedFile(request: FastifyRequest, field = 'file'): UploadedFile {
  const value = (request.body as Record<string, unknown> | undefined)?.[field] as UploadedFile | undefined;
  if (!value || typeof value !== 'object' || !Buffer.isBuffer(value.content) || value.filename === '')
    throw coreError('CORE_VALIDATION', 'Choose a file to upload', [{ field, message: 'Choose a file to upload' }]);
  if (value.content.length === 0)
    throw coreError('CORE_VALIDATION', `${value.filename} is empty`, [{ field, message: `${value.filename} is empty` }]);
  return value;
}

/** A form field as a trimmed string ('' when missing). */
export function formField(request: FastifyRequest, name: string): string {
  const value = (request.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.trim() : '';
}
