declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route can answer text/csv: `true` renders `body.data`; a function picks the rows to render. */
    csv?: true | ((body: unknown) => readonly unknown[]);
  }
}

export {};
