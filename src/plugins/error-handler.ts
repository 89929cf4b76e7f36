import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import { hasZodFastifySchemaValidationErrors, ResponseSerializationError } from 'fastify-type-provider-zod';
import { REQUEST_ID_HEADER } from './request-id.js';
import { AppError, PROBLEM_TYPES, problemBody, type FieldError, type ProblemCode } from '../errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Longest `instance` echoed back: a 16 kB URL is refused, not repeated. */
const MAX_INSTANCE_LENGTH = 2_048;
/** Longest piece of the request (a path, a header) quoted in a `detail`. */
const MAX_QUOTED_LENGTH = 200;

const quote = (text: string) => (text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH)}…` : text);

function sendProblem(request: FastifyRequest, reply: FastifyReply, code: ProblemCode, detail: string, errors?: FieldError[]): FastifyReply {
  const body = problemBody(code, detail, request.url.slice(0, MAX_INSTANCE_LENGTH), errors);
  const { status } = body;
  // Serialised here so no response schema can reshape a problem body.
  return reply.status(status).type(PROBLEM_CONTENT_TYPE).serializer(JSON.stringify).send(body);
}

function codeForStatus(status: number): ProblemCode {
  const match = (Object.keys(PROBLEM_TYPES) as ProblemCode[]).find((code) => PROBLEM_TYPES[code].status === status);
  return match ?? (status >= 500 ? 'internal' : 'validation_failed');
}

/**
 * Errors Fastify raises before a route is chosen, which would otherwise be answered in its own plain JSON:
 * a malformed percent-encoding in the path, a path segment longer than `maxParamLength`.
 */
export const frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']> = (error, request, reply) => {
  // These replies skip every onRequest hook: the headers the edge sets on every other response are set here.
  if (reply.server.applyEdgeHeaders) {
    reply.server.applyEdgeHeaders(request, reply);
  } else {
    reply.server.applySecurityHeaders?.(reply.raw);
    reply.header(REQUEST_ID_HEADER, request.id);
  }
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    sendProblem(request, reply, 'uri_too_long', 'A path segment of this URL is longer than any id the API knows.');
  } else if (error.code === 'FST_ERR_BAD_URL') {
    sendProblem(request, reply, 'validation_failed', 'The URL path is not valid percent-encoded UTF-8.');
  } else {
    request.log.error({ err: error }, 'framework error');
    sendProblem(request, reply, 'internal', 'An unexpected error occurred.');
  }
};

/** Node's client errors by error code; anything else is a malformed request. */
const CLIENT_ERRORS: Record<string, { code: ProblemCode; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    code: 'header_fields_too_large',
    detail: "The request line and headers exceed the server's limit; shorten the URL or the headers.",
  },
  ERR_HTTP_REQUEST_TIMEOUT: { code: 'request_timeout', detail: 'The request was not received in time.' },
};
const MALFORMED_REQUEST = { code: 'validation_failed', detail: 'The request is not valid HTTP/1.1.' } as const;

/**
 * Requests Node's HTTP parser rejects before Fastify sees them (headers or request line too large, a malformed
 * request, a client too slow to send its headers) get a problem body too, written straight to the socket.
 */
export function clientErrorHandler(this: FastifyInstance, error: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection is already gone (https://nodejs.org/api/http.html#event-clienterror).
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { code, detail } = CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED_REQUEST;
  this.log.debug({ err: error }, 'client error');
  if (socket.writable) {
    const body = JSON.stringify(problemBody(code, detail, ''));
    const { status } = PROBLEM_TYPES[code];
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/**
 * Which methods a path answers to, with Fastify's own router (find-my-way) fed every route as it is added:
 * a request with another method is a 405 with `Allow` (RFC 9110 §15.5.6), not a 404.
 */
function createMethodIndex(app: FastifyInstance) {
  // Matches paths exactly, as the app's router does (src/app.ts): `/v1/minerals/` is a 404, not a 405.
  const router = FindMyWay({ ignoreTrailingSlash: false, maxParamLength: Number.MAX_SAFE_INTEGER });
  const methods = new Set<string>();
  app.addHook('onRoute', (route) => {
    // CORS answers OPTIONS on every path with a wildcard: it says nothing about which methods a path has.
    for (const method of ([] as string[]).concat(route.method)) {
      if (method === 'OPTIONS' || route.url === '*' || router.hasRoute(method as HTTPMethod, route.url)) continue;
      router.on(method as HTTPMethod, route.url, () => undefined);
      methods.add(method);
    }
  });
  return (path: string): string[] => [...methods].filter((method) => router.find(method as HTTPMethod, path) !== null).sort();
}

/**
 * The per-field list of a failed zod validation (the provider's items): `<location>.<path>` and zod's message.
 * The MCP tools name fields the same way, without the location (`year`, `shocks.0.reduction`).
 */
export function validationFieldErrors(
  location: string | undefined,
  validation: readonly { instancePath: string; message?: string | undefined }[],
): FieldError[] {
  return validation.map((issue) => ({
    field: [...(location === undefined ? [] : [location]), ...issue.instancePath.split('/').filter(Boolean)].join('.'),
    message: issue.message ?? 'is invalid',
  }));
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's 404/405 answer, for a prefixed context that sets its own not-found handler (the API's rate limit). */
    answerNotFound: (request: FastifyRequest, reply: FastifyReply) => FastifyReply;
  }
}

/** The only writer of application/problem+json (RFC 9457). */
async function errorHandler(app: FastifyInstance): Promise<void> {
  const allowedMethods = createMethodIndex(app);

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.headers) reply.headers(error.headers);
      return sendProblem(request, reply, error.code, error.detail, error.errors);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const location = error.validationContext ?? 'request';
      const errors = validationFieldErrors(location, error.validation);
      return sendProblem(request, reply, 'validation_failed', `The ${location} has ${errors.length} invalid field(s).`, errors);
    }
    if (error instanceof ResponseSerializationError) {
      request.log.error({ err: error }, 'response did not match its schema');
      return sendProblem(request, reply, 'internal', 'The server could not produce a valid response.');
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendProblem(
        request,
        reply,
        'unsupported_media_type',
        `This API reads application/json bodies, not ${quote(request.headers['content-type'] ?? 'an untyped body')}.`,
      );
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendProblem(
        request,
        reply,
        'payload_too_large',
        `The body is larger than the ${app.initialConfig.bodyLimit} bytes this server accepts.`,
      );
    }
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'unhandled error');
      return sendProblem(request, reply, codeForStatus(status), 'An unexpected error occurred.');
    }
    return sendProblem(request, reply, codeForStatus(status), error.message);
  });

  const notFound = (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = allowedMethods(path);
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(
        request,
        reply,
        'method_not_allowed',
        `${quote(path)} does not answer ${request.method}; it answers ${allowed.join(', ')}.`,
      );
    }
    return sendProblem(request, reply, 'not_found', `No route ${request.method} ${quote(path)}.`);
  };
  app.setNotFoundHandler(notFound);
  app.decorate('answerNotFound', notFound);
}

export default fp(errorHandler, { name: 'error-handler' });
