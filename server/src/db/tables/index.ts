export * from './columns';
export * from './organisation';
export * from './answers';
export * from './work';
export * from './mail';
