import { describe, expect, it } from 'vitest';
import { ShownBadges } from '@/utils/overlay/shown-badges';

const badge = (identityId: string, postKey: string) => ({ target: { identityId, postKey } });

describe('shown badges', () => {
  it('finds every badge of a customer and of a post, one or several', () => {
    const shown = new ShownBadges<ReturnType<typeof badge>>();
    const a = badge('x:alice', 'x:1');
    const b = badge('x:alice', 'x:2');
    const again = badge('x:bob', 'x:2'); // the same post twice on one page
    for (const each of [a, b, again]) shown.add(each);
    shown.add(a); // filing twice keeps one
    expect(shown.ofCustomer('x:alice')).toEqual([a, b]);
    expect(shown.ofPost('x:1')).toEqual([a]);
    expect(shown.ofPost('x:2')).toEqual([b, again]);
    expect(shown.customers().sort()).toEqual(['x:alice', 'x:bob']);
    expect(shown.ofCustomer('x:carol')).toEqual([]);
  });

  it('lets a badge go under the target it was filed with', () => {
    const shown = new ShownBadges<ReturnType<typeof badge>>();
    const a = badge('x:alice', 'x:1');
    const b = badge('x:alice', 'x:1');
    shown.add(a);
    shown.add(b);
    shown.remove(a);
    expect(shown.ofCustomer('x:alice')).toEqual([b]);
    expect(shown.ofPost('x:1')).toEqual([b]);
    shown.remove(b);
    shown.remove(b); // removing twice is harmless
    expect(shown.customers()).toEqual([]);
    expect(shown.ofPost('x:1')).toEqual([]);
  });
});
