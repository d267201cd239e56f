/**
 * Template variables: `{name}` style placeholders. Kotae fills the ones it knows
 * from the post and the agent; the agent is asked for the rest.
 */

/** Filled from the post being answered and the agent: never asked for. */
export const AUTOMATIC_VARIABLES = ['name', 'handle', 'agent', 'date'] as const;
export type AutomaticVariable = (typeof AUTOMATIC_VARIABLES)[number];

// Same token shape the draft checks flag as "left unfilled".
const VARIABLE = /\{([A-Za-z0-9_]{1,40})\}/g;

/** Every variable in `body`, in order of first appearance. */
export function templateVariables(body: string): string[] {
  const seen = new Set<string>();
  for (const match of body.matchAll(VARIABLE)) seen.add(match[1]!);
  return [...seen];
}

/** The variables the agent must fill in by hand. */
export function promptedVariables(body: string): string[] {
  return templateVariables(body).filter((name) => !(AUTOMATIC_VARIABLES as readonly string[]).includes(name));
}

/**
 * Replaces every variable that has a non-empty value; the others stay as `{name}`
 * so the draft check can point at them. Values are inserted as text, once (a value
 * that itself looks like `{x}` is not expanded again).
 */
export function fillTemplate(body: string, values: Readonly<Record<string, string | undefined>>): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const text = body.replace(VARIABLE, (token, name: string) => {
    const value = values[name];
    if (value === undefined || value.trim() === '') {
      missing.add(name);
      return token;
    }
    return value;
  });
  return { text, missing: [...missing] };
}

/** The automatic values for a reply, `{date}` formatted for the template's language. */
export function automaticValues(input: {
  customerName: string;
  customerHandle: string;
  agentName: string;
  lang: 'ja' | 'en';
  now: Date;
}): Record<AutomaticVariable, string> {
  return {
    name: input.customerName,
    handle: input.customerHandle,
    agent: input.agentName,
    date: new Intl.DateTimeFormat(input.lang === 'ja' ? 'ja-JP' : 'en-US', { dateStyle: 'long' }).format(input.now),
  };
}
