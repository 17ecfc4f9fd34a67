import type { Messages } from './sv';

export const en: Messages = {
  'app.name': 'Lägesbild',
  'app.tagline': 'Safety surveys, a shared situational picture and citizen pledges for municipality and police.',
  'nav.home': 'Home',
  'nav.login': 'Log in',
  'nav.logout': 'Log out',
  'nav.staff': 'Staff',
  'nav.users': 'Users',
  'nav.audit': 'Audit log',
  'nav.skip': 'Skip to content',
  'locale.switch': 'På svenska',
  'home.residents.title': 'For residents',
  'home.residents.body':
    'Tell us where and when you feel unsafe. Your answers are anonymous and help the municipality and the police decide what to do together.',
  'home.staff.title': 'For municipality and police',
  'home.staff.body':
    'Bring survey answers, reports and police events into one shared picture, see where problems concentrate and write the citizen pledge from the evidence.',
  'home.privacy':
    'We never show figures based on fewer than five people, and free text and exact places are only for authorised staff.',
  'login.title': 'Log in',
  'login.email': 'E-mail address',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.failed': 'Wrong e-mail address or password.',
  'login.limited': 'Too many attempts. Wait a while and try again.',
  'error.title': 'Something went wrong',
  'error.back': 'Back to the start page',
};
