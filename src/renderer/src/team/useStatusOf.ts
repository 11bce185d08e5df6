// The core's customerStatus (through customerStatusCache) loaded after the first paint: it pulls
// in the business clock with date-holidays and its zone tables, over half of the renderer's
// script. The views the console opens on paint from their snapshot first and need it only for
// live figures, which wait for every book to be read anyway.
import { useEffect, useState } from 'react';
import type { statusOf as StatusOf } from './customerStatusCache';
import { afterOpeningPaint } from './openingPaint';

export type StatusOf = typeof StatusOf;

let loaded: StatusOf | null = null;
let loading: Promise<StatusOf> | null = null;

export function loadStatusOf(): Promise<StatusOf> {
  loading ??= import('./customerStatusCache').then((module) => {
    loaded = module.statusOf;
    return module.statusOf;
  });
  return loading;
}

/** statusOf once its module is loaded; null before. */
export function useStatusOf(): StatusOf | null {
  const [statusOf, setStatusOf] = useState<StatusOf | null>(() => loaded);
  useEffect(() => {
    if (statusOf) return;
    let current = true;
    afterOpeningPaint(() => {
      void loadStatusOf().then((found) => {
        if (current) setStatusOf(() => found);
      });
    });
    return () => {
      current = false;
    };
  }, [statusOf]);
  return statusOf;
}
