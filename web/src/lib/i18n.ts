import { translator, type Locale } from '@lagesbild/shared';

export { translator };
export type { Locale };
