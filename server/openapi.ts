/** The OpenAPI 3.1 document, built from the route table and the wire schemas. */
import * as z from 'zod';
import type { $ZodType } from 'zod/v4/core';
import { apiErrorSchema } from '@/utils/sync/wire';
import { STATUS_OF } from './http';
import type { AnyRoute } from './routes/table';

function jsonSchema(schema: $ZodType, io: 'input' | 'output') {
  // Transforms (the pull query's numbers) cannot be described: they show as their input.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  // OpenAPI 3.1's own dialect is JSON Schema 2020-12: no need to repeat it in every schema.
  return rest;
}

/** `/v1/members/:memberId` → `/v1/members/{memberId}` */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

export function openApiDocument(routes: readonly AnyRoute[], info: { title: string; version: string }) {
  const errorSchema = jsonSchema(apiErrorSchema, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    const parameters: unknown[] = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    if (route.query) {
      const query = jsonSchema(route.query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(query.properties ?? {})) {
        parameters.push({ name, in: 'query', required: query.required?.includes(name) ?? false, schema });
      }
    }
    const responses: Record<string, unknown> = {
      [route.answer.status]: {
        description: route.answer.description,
        ...(route.answer.schema ? { content: { 'application/json': { schema: jsonSchema(route.answer.schema, 'output') } } } : {}),
        ...(route.answer.stream ? { content: { 'text/event-stream': { schema: { type: 'string' } } } } : {}),
      },
    };
    const codes = new Set<string>([...route.errors, 'internal']);
    if (route.access !== 'public' || route.rateLimit) codes.add('rateLimited');
    if (route.body) codes.add('tooLarge').add('invalid');
    for (const code of codes) {
      const status = STATUS_OF[code as keyof typeof STATUS_OF];
      const existing = responses[status] as { description: string } | undefined;
      responses[status] = {
        description: existing ? `${existing.description}, ${code}` : `Error: ${code}`,
        content: { 'application/json': { schema: errorSchema } },
      };
    }
    paths[path] ??= {};
    paths[path][route.method] = {
      summary: route.summary,
      ...(route.access === 'public' ? { security: [] } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
