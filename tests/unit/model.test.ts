import { describe, expect, it } from 'vitest';
import {
  cleanText,
  identityKey,
  identityKeySchema,
  interactionSchema,
  NOTE_MAX_CHARS,
  noteBodySchema,
  postKeySchema,
  seenPostSchema,
  tagLabelSchema,
} from '@/utils/model';
import { seenPost } from '../helpers/db';

describe('identity keys', () => {
  it('lower-cases X handles and drops the @', () => {
    expect(identityKey('x', '@Alice_01')).toBe('x:alice_01');
    expect(identityKey('email', ' Sato@Example.JP ')).toBe('email:sato@example.jp');
  });

  it.each(['x:alice', 'facebook:100012345', 'facebook:some.vanity', 'email:a@b.jp'])('accepts %s', (key) => {
    expect(identityKeySchema.safeParse(key).success).toBe(true);
  });

  it.each(['alice', 'x:', 'x:Alice', 'x:has space', 'tiktok:alice', 'email:nope', 'x:<script>'])('rejects %s', (key) => {
    expect(identityKeySchema.safeParse(key).success).toBe(false);
  });

  it('keeps post ids as strings beyond 2^53', () => {
    expect(postKeySchema.parse('x:1790000000000000001')).toBe('x:1790000000000000001');
    expect(postKeySchema.safeParse('x:1 OR 1=1').success).toBe(false);
  });
});

describe('note bodies', () => {
  it('removes invisible control characters but keeps tabs and line breaks', () => {
    expect(cleanText('a\u0000b\u0007c\r\nd\te\u009f')).toBe('abc\nd\te');
  });

  it('keeps HTML as text, untouched', () => {
    const html = '<img src=x onerror="alert(1)"><b>bold</b>';
    expect(noteBodySchema.parse(html)).toBe(html);
  });

  it('refuses a 100 KB note with a reason, and an empty one', () => {
    const big = noteBodySchema.safeParse('あ'.repeat(100_000));
    expect(big.success).toBe(false);
    expect(big.error?.issues[0]?.message).toBe('tooLong');
    expect(noteBodySchema.safeParse(' \n\u0000 ').error?.issues[0]?.message).toBe('empty');
    expect(noteBodySchema.safeParse('x'.repeat(NOTE_MAX_CHARS)).success).toBe(true);
  });

  it('normalises tag labels', () => {
    expect(tagLabelSchema.parse('  VIP   customer ')).toBe('VIP customer');
    expect(tagLabelSchema.safeParse('x'.repeat(41)).success).toBe(false);
  });
});

describe('post links', () => {
  it('accept only https pages', () => {
    expect(seenPostSchema.safeParse(seenPost()).success).toBe(true);
    expect(seenPostSchema.safeParse(seenPost({ permalink: 'javascript:alert(1)' })).success).toBe(false);
    expect(
      interactionSchema.shape.postUrl.safeParse('data:text/html,<script>alert(1)</script>').success,
    ).toBe(false);
  });

  it('cuts very long page text instead of refusing the post', () => {
    const parsed = seenPostSchema.parse(seenPost({ text: 'x'.repeat(20_000) }));
    expect(parsed.text.length).toBe(10_000);
  });
});
