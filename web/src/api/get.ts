// A described GET: the path and query of one read, typed by its answer. The api modules
// (api/<resource>.ts) return these for reads so one description serves both the fetch-on-change
// hook (`useApi(plans.one(id))`) and a one-off read (`await load(plans.one(id))`); writes are
// plain promise-returning functions. Pages never spell '/api/…' themselves.
import { api, type Query } from './api';

export interface Get<T> {
  readonly path: string;
  readonly query?: Query;
  /** Never set: carries the answer's type. */
  readonly __answer?: (t: T) => void;
}

export function get<T>(path: string, query?: Query): Get<T> {
  return query === undefined ? { path } : { path, query };
}

/** Runs the described GET once. */
export function load<T>(g: Get<T>, signal?: AbortSignal): Promise<T> {
  return api.get<T>(g.path, g.query, signal);
}

/** One path segment (an id or a code) made safe for the address. */
export const seg = (id: string | number): string => encodeURIComponent(String(id));
