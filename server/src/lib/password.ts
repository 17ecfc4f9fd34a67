import { hash, verify, type Options } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MAX, PASSWORD_MIN } from '@lagesbild/shared';

/** OWASP Password Storage Cheat Sheet, argon2id: m = 19 MiB, t = 2, p = 1 (the minimum it names). */
// `algorithm: 2` is Algorithm.Argon2id; the package's const enum cannot be imported under verbatimModuleSyntax.
export const ARGON2_PARAMS: Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

// ~49 000 most common passwords, plus the obvious Swedish ones the list lacks.
const COMMON = new Set<string>([
  ...dictionary['passwords-common'],
  'lösenord',
  'lösenord1',
  'losenord',
  'losenord1',
  'sommar2024',
  'sommar2025',
  'sommar2026',
  'hösten2026',
  'vinter2026',
  'välkommen',
  'valkommen',
  'välkommen1',
  'qwertyuiopå',
  'polisen123',
  'kommunen123',
]);

/** Why a new password is refused, or undefined when it is fine. */
export function passwordProblem(password: string, email?: string): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `the password must have at least ${PASSWORD_MIN} characters`;
  if (length > PASSWORD_MAX) return `the password may have at most ${PASSWORD_MAX} characters`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'the password is one of the most common passwords; choose another';
  if (email && lower === email.toLowerCase()) return 'the password must not be the e-mail address';
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), ARGON2_PARAMS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

// Verifying against this when the account does not exist keeps the timing of a wrong e-mail
// and a wrong password alike, so login does not reveal which addresses have accounts.
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy-password-for-timing');
  return decoyHash;
}
