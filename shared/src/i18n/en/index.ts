import { merged, type Catalogues } from '../sv';
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

export const enCatalogues: Catalogues = {
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

export const en = merged(enCatalogues);
