import { app } from './app';
import { campaigns } from './campaigns';
import { dialogues } from './dialogues';
import { imports } from './imports';
import { map } from './map';
import { moderation } from './moderation';
import { picture } from './picture';
import { places } from './places';
import { pledges } from './pledges';
import { survey } from './survey';
import { surveys } from './surveys';
import { users } from './users';
import { walks } from './walks';

/**
 * Swedish, the default locale: one catalogue per feature, so a page's texts sit in one file
 * beside their English twin. Every other locale has exactly these catalogues and keys.
 */
export const svCatalogues = {
  app,
  users,
  imports,
  map,
  picture,
  survey,
  surveys,
  campaigns,
  places,
  moderation,
  walks,
  dialogues,
  pledges,
};

type Swedish = typeof svCatalogues;
export type MessageKey = { [C in keyof Swedish]: keyof Swedish[C] }[keyof Swedish];
export type Messages = Record<MessageKey, string>;
/** What every locale provides: the Swedish catalogues, each with exactly its keys. */
export type Catalogues = { [C in keyof Swedish]: Record<keyof Swedish[C], string> };

/** A locale's catalogues as one message table (the i18n test checks no key is in two catalogues). */
export function merged(catalogues: Catalogues): Messages {
  return Object.assign({}, ...Object.values(catalogues)) as Messages;
}

export const sv = merged(svCatalogues);
