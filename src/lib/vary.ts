import type { FastifyReply } from 'fastify';

/** Adds field names to the Vary header without dropping what other plugins put there. */
export function addVary(reply: FastifyReply, ...fields: string[]): void {
  const current = reply.getHeader('vary');
  const existing =
    typeof current === 'string'
      ? current
          .split(',')
          .map((field) => field.trim())
          .filter(Boolean)
      : [];
  const lower = new Set(existing.map((field) => field.toLowerCase()));
  for (const field of fields) if (!lower.has(field.toLowerCase())) existing.push(field);
  reply.header('vary', existing.join(', '));
}
