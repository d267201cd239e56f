/** Every route of the team server, in one table. */
import { ROUTES } from '@/utils/sync/wire';
import { openApiDocument } from '../openapi';
import { health, join, me, signOut } from './account';
import { createInviteRoute, listMembers, patchMember } from './members';
import { reportRoute } from './reports';
import { live, presence, pullRoute, push } from './sync';
import { defineRoute, type AnyRoute } from './table';

let document: ReturnType<typeof openApiDocument> | undefined;

const openapi = defineRoute({
  method: 'get',
  path: ROUTES.openapi,
  summary: 'This document.',
  access: 'public',
  answer: { status: 200, description: 'OpenAPI 3.1.' },
  errors: [],
  handle: (c) => {
    document ??= openApiDocument(ROUTE_TABLE, { title: 'Kotae team server', version: '1' });
    return c.json(document);
  },
});

export const ROUTE_TABLE: readonly AnyRoute[] = [health, openapi, join, signOut, me, listMembers, patchMember, createInviteRoute, push, pullRoute, live, presence, reportRoute];
