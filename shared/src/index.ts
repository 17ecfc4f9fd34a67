export * from './taxonomy';
export * from './api/errors';
export * from './api/health';
export * from './question-bank';
