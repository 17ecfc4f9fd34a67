/** Swedish, the default locale. Every other locale file must have exactly these keys. */
export const sv = {
  'app.name': 'Lägesbild',
  'app.tagline': 'Trygghetsundersökningar, lägesbild och medborgarlöften för kommun och polis.',
  'nav.home': 'Start',
  'nav.login': 'Logga in',
  'nav.logout': 'Logga ut',
  'nav.staff': 'Personal',
  'nav.users': 'Användare',
  'nav.audit': 'Granskningslogg',
  'nav.skip': 'Hoppa till innehållet',
  'locale.switch': 'In English',
  'home.residents.title': 'För dig som bor här',
  'home.residents.body':
    'Berätta var och när du känner dig otrygg. Dina svar är anonyma och hjälper kommunen och polisen att välja vad de ska göra tillsammans.',
  'home.staff.title': 'För kommun och polis',
  'home.staff.body':
    'Samla enkätsvar, rapporter och polisens händelser i en gemensam lägesbild, se var problemen samlas och skriv medborgarlöftet utifrån underlaget.',
  'home.privacy':
    'Vi visar aldrig siffror som bygger på färre än fem personer, och fritext och exakta platser ser bara behörig personal.',
  'login.title': 'Logga in',
  'login.email': 'E-postadress',
  'login.password': 'Lösenord',
  'login.submit': 'Logga in',
  'login.failed': 'Fel e-postadress eller lösenord.',
  'login.limited': 'För många försök. Vänta en stund och försök igen.',
  'error.title': 'Något gick fel',
  'error.back': 'Till startsidan',
} as const;

export type MessageKey = keyof typeof sv;
export type Messages = Record<MessageKey, string>;
