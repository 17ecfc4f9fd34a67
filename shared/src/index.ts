export * from './taxonomy';
export * from './api/errors';
export * from './api/health';
export * from './question-bank';
export * from './i18n/index';
export * from './geo/projection';
export * from './api/staff';
export * from './api/overview';
