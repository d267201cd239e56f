import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { dispatch, type Handlers } from '@/utils/messaging/dispatch';
import { createClient } from '@/utils/messaging/client';
import { KotaeError } from '@/utils/errors';

const failing = (error: unknown) =>
  ({ 'customers.summaries': async () => Promise.reject(error) }) as unknown as Handlers;
const request = { type: 'customers.summaries', payload: { identityIds: ['x:alice'] } };
const page = { kind: 'page' as const, tabId: 1 };

describe('dispatch', () => {
  it('turns a database failure into a storage error a person can read', async () => {
    const answer = await dispatch(request, page, failing(new Dexie.QuotaExceededError('disk full')));
    expect(answer).toEqual({ ok: false, error: { code: 'storage', message: expect.stringContaining('disk full') } });
  });

  it('hides the details of an unexpected failure', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const answer = await dispatch(request, page, failing(new TypeError('secret internals at line 3')));
    expect(answer).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong in Kotae' } });
  });

  it('refuses everything from an unknown sender', async () => {
    expect(await dispatch(request, null, failing(null))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('client', () => {
  it('raises typed errors for refusals, malformed answers and an unreachable background', async () => {
    const refusing = createClient(async () => ({ ok: false, error: { code: 'notFound', message: 'gone' } }));
    await expect(refusing.send('customer.detail', { identityId: 'x:alice' })).rejects.toMatchObject({ code: 'notFound' });

    const garbled = createClient(async () => ({ ok: true, data: { summaries: [{ identityId: 'x:alice' }] } }));
    await expect(garbled.send('customers.summaries', { identityIds: [] })).rejects.toBeInstanceOf(KotaeError);

    const silent = createClient(async () => undefined);
    await expect(silent.send('customers.summaries', { identityIds: [] })).rejects.toMatchObject({ code: 'invalidMessage' });

    const gone = createClient(async () => {
      throw new Error('Extension context invalidated.');
    });
    await expect(gone.send('customers.summaries', { identityIds: [] })).rejects.toMatchObject({ code: 'unavailable' });
  });
});
