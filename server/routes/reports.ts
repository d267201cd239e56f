/** Reports on the team's records, for the options page. */
import { reportRangeSchema, reportSchema } from '@/utils/reports/schema';
import { ROUTES } from '@/utils/sync/wire';
import { teamReport } from '../reports';
import { defineRoute } from './table';

export const reportRoute = defineRoute({
  method: 'get',
  path: ROUTES.reports,
  summary:
    "Response times, volume, tags and product areas for the days `from`–`to` (both included) in `timeZone`. Agents get their own row among the agents and the team's totals.",
  access: 'member',
  query: reportRangeSchema,
  answer: { status: 200, schema: reportSchema, description: 'The report, computed now.' },
  errors: ['unauthorized', 'disabled', 'invalid'],
  async handle(c, { query }) {
    const { db, now } = c.var.deps;
    return c.json(await teamReport(db, c.var.caller, query, now()));
  },
});
