/**
 * One place maps errors to responses: JSON for the API (code, message, details),
 * a GOV.UK error page for browsers. A page that needs sign-in redirects to it.
 */
import { JoineryError, type ProblemDetail } from '@joinery/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const TITLES: Record<number, string> = {
  400: 'There is a problem with what was sent',
  401: 'You need to sign in',
  403: 'You do not have permission to see this page',
  404: 'Page not found',
  409: 'This cannot be done',
  413: 'The upload is too large',
  429: 'Too many attempts',
  500: 'Sorry, there is a problem with the service',
  503: 'Sorry, the service is unavailable',
};

interface Normalised {
  status: number;
  code: string;
  message: string;
  details: ProblemDetail[];
}

function normalise(error: FastifyError | JoineryError): Normalised {
  if (error instanceof JoineryError) return { status: error.status, code: error.code, message: error.message, details: error.details };
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const details = fastifyError.validation.map((v) => ({
      field:
        (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.') ||
        String((v.params as { missingProperty?: string })?.missingProperty ?? ''),
      message: `${fastifyError.validationContext ?? 'request'}${v.instancePath || ''} ${v.message ?? 'is not valid'}`,
    }));
    return { status: 400, code: 'CORE_VALIDATION', message: 'There is a problem with what was sent', details };
  }
  const status = fastifyError.statusCode ?? 500;
  if (status === 413) return { status, code: 'CORE_TOO_LARGE', message: 'The request is larger than this server accepts', details: [] };
  if (status === 429)
    return { status, code: 'CORE_RATE_LIMITED', message: 'Too many attempts. Wait a minute, then try again.', details: [] };
  if (status >= 400 && status < 500)
    return { status, code: fastifyError.code ?? 'CORE_BAD_REQUEST', message: fastifyError.message, details: [] };
  return { status: 500, code: 'CORE_INTERNAL', message: 'Something went wrong on the server', details: [] };
}

export function wantsJson(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

async function respond(request: FastifyRequest, reply: FastifyReply, problem: Normalised) {
  if (wantsJson(request))
    return reply.code(problem.status).send({ code: problem.code, message: problem.message, details: problem.details });
  if (problem.code === 'CORE_SIGN_IN_REQUIRED' && request.method === 'GET') {
    return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`);
  }
  return reply.code(problem.status).view('error.njk', {
    title: TITLES[problem.status] ?? TITLES[500],
    status: problem.status,
    message: problem.message,
    details: problem.details,
    requestId: request.id,
    returnTo: request.url,
  });
}

export function errorHandling(app: FastifyInstance) {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const problem = normalise(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: problem.code, status: problem.status }, problem.message);
    return respond(request, reply, problem);
  });
  app.setNotFoundHandler(async (request, reply) =>
    respond(request, reply, {
      status: 404,
      code: 'CORE_NOT_FOUND',
      message: `There is nothing at ${request.url.split('?')[0]}`,
      details: [],
    }),
  );
}
