import {Generators} from "observablehq:stdlib";

/** A value a page's cells follow (pageValue): `values` for a top-level variable of the page, `set` to change it. */
export interface PageValue<T> {
  values: AsyncGenerator<T>;
  set(value: T | Promise<T>): void;
}

/**
 * A value that a page's cells follow, made in a module: Framework's Mutable, as a generator (Generators.observe) that
 * a top-level variable of the page holds, so that every cell reading that variable runs again when `set` changes it. A
 * promise set is awaited; while no cell asks, only the latest value is kept.
 */
export function pageValue<T>(initial: T | Promise<T>): PageValue<T> {
  // A promise replaced before any cell asked for it is never awaited: its failure must not be an unhandled rejection.
  const handled = (value: T | Promise<T>) => (value instanceof Promise && value.catch(() => {}), value);
  let current = handled(initial);
  let tell: ((value: T | Promise<T>) => void) | null = null;
  const values = Generators.observe<T>((notify) => {
    tell = notify;
    notify(current);
    return () => void (tell = null);
  });
  return {
    values,
    set(value) {
      current = handled(value);
      tell?.(value);
    }
  };
}
