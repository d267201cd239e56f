import { KotaeDB } from './kotae-db';

/** The one database of this extension. Tests create their own `new KotaeDB(name)`. */
export const db = new KotaeDB();
