import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, ResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, PROBLEM_TYPES, problemTypeUri, type FieldError, type ProblemCode } from '../errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: ProblemCode;
  errors?: FieldError[];
}

function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ProblemCode,
  detail: string,
  errors?: FieldError[],
): FastifyReply {
  const { status, title } = PROBLEM_TYPES[code];
  const body: ProblemBody = { type: problemTypeUri(code), title, status, detail, instance: request.url, code };
  if (errors && errors.length > 0) body.errors = errors;
  // Serialised here so no response schema can reshape a problem body.
  return reply.status(status).type(PROBLEM_CONTENT_TYPE).serializer(JSON.stringify).send(body);
}

function codeForStatus(status: number): ProblemCode {
  const match = (Object.keys(PROBLEM_TYPES) as ProblemCode[]).find((code) => PROBLEM_TYPES[code].status === status);
  return match ?? (status >= 500 ? 'internal' : 'validation_failed');
}

/** The only writer of application/problem+json (RFC 9457). */
async function errorHandler(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.headers) reply.headers(error.headers);
      return sendProblem(request, reply, error.code, error.detail, error.errors);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const location = error.validationContext ?? 'request';
      const errors = error.validation.map((issue) => ({
        field: [location, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
        message: issue.message ?? 'is invalid',
      }));
      return sendProblem(request, reply, 'validation_failed', `The ${location} has ${errors.length} invalid field(s).`, errors);
    }
    if (error instanceof ResponseSerializationError) {
      request.log.error({ err: error }, 'response did not match its schema');
      return sendProblem(request, reply, 'internal', 'The server could not produce a valid response.');
    }
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'unhandled error');
      return sendProblem(request, reply, codeForStatus(status), 'An unexpected error occurred.');
    }
    return sendProblem(request, reply, codeForStatus(status), error.message);
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}.`),
  );
}

export default fp(errorHandler, { name: 'error-handler' });
