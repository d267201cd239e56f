/**
 * Keyword watch in the database: each post's watch state, with the name of whoever
 * handled it. A colleague's name comes from what their pulled changes left in the
 * change log (or their notes and feedback); nothing else about them is read.
 */
import type { Feedback, Interaction } from '@/utils/model';
import { watchStateOf, type PostWatch } from '@/utils/watch/state';
import type { KotaeDB } from './kotae-db';

function groupBy<T extends { postKey: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.postKey);
    if (group) group.push(row);
    else groups.set(row.postKey, [row]);
  }
  return groups;
}

/** The name of the person who made `answer`, as this browser knows it; '' when it does not. */
async function nameOf(db: KotaeDB, answer: Interaction, agentId: string): Promise<string> {
  const log = await db.changeLog.where('customerId').equals(answer.customerId).toArray();
  const named =
    log.find((entry) => entry.recordId === answer.id && entry.actorId === agentId) ?? log.find((entry) => entry.actorId === agentId && entry.actorName);
  if (named?.actorName) return named.actorName;
  const note = (await db.notes.where('customerId').equals(answer.customerId).toArray()).find((n) => n.authorId === agentId && n.authorName);
  if (note) return note.authorName;
  const feedback = (await db.feedback.where('customerId').equals(answer.customerId).toArray()).find((f) => f.recordedBy === agentId);
  return feedback?.recordedByName ?? '';
}

/**
 * The watch state of each post Kotae knows, for a page view that began at `since`.
 * `me` is the agent using this browser: their own answers carry their own name.
 */
export async function postWatch(
  db: KotaeDB,
  postKeys: readonly string[],
  since: string,
  me: { agentId: string; agentName: string },
): Promise<PostWatch[]> {
  const keys = [...new Set(postKeys)];
  const [interactions, feedback] = await Promise.all([
    db.interactions.where('postKey').anyOf(keys).toArray(),
    db.feedback.where('postKey').anyOf(keys).toArray(),
  ]);
  const byPost = groupBy<Interaction>(interactions);
  const feedbackByPost = groupBy<Feedback>(feedback);
  const names = new Map<string, string>([[me.agentId, me.agentName]]);
  const answers: PostWatch[] = [];
  for (const postKey of keys) {
    const facts = watchStateOf(byPost.get(postKey) ?? [], feedbackByPost.get(postKey) ?? [], since);
    if (!facts) continue;
    const answer = facts.answer;
    if (!answer) {
      answers.push({ postKey, state: facts.state, handledBy: null });
      continue;
    }
    if (answer.kind === 'teamReplied') {
      answers.push({ postKey, state: 'handled', handledBy: { kind: 'teamAccount' } });
      continue;
    }
    if (answer.byAgentId === null) {
      answers.push({ postKey, state: 'handled', handledBy: { kind: 'agent', name: '' } });
      continue;
    }
    let name = names.get(answer.byAgentId);
    if (name === undefined) {
      name = await nameOf(db, answer, answer.byAgentId);
      if (name) names.set(answer.byAgentId, name);
    }
    answers.push({ postKey, state: 'handled', handledBy: { kind: 'agent', name } });
  }
  return answers;
}
