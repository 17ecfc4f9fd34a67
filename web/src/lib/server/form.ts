/**
 * Reading a submitted form in an action. A missing field reads as '' (FormData.get gives null),
 * so every action can validate through the API and show its message, never crash on a null.
 */

/** A field exactly as sent (passwords, long text whose spacing is the writer's); a file reads as missing. */
export const raw = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

/** A field as typed, trimmed. */
export const text = (form: FormData, name: string): string => raw(form, name).trim();

/** Every value of a repeated field (checkboxes, multi-selects). */
export const all = (form: FormData, name: string): string[] => form.getAll(name).map(String);

/** The non-empty lines of a textarea, each trimmed. */
export const lines = (value: string): string[] =>
  value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** Several fields at once, each as `text` reads it: what a form keeps after a refusal. */
export function texts<const K extends string>(form: FormData, names: readonly K[]): Record<K, string> {
  return Object.fromEntries(names.map((name) => [name, text(form, name)])) as Record<K, string>;
}
