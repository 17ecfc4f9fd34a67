export * from './stats';
export * from './rank';
export * from './explain';
