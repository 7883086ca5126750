import { useLocation } from '@remix-run/react';
import { useState } from 'react';
import { Alert } from './forms/Alert';

export interface FlashData {
  tone: 'success' | 'info' | 'error';
  text: string;
}

/**
 * The one-time message a redirect brought (see app/lib/flash.server.ts). It belongs to
 * the page it arrived with: the root loader does not run again on every client-side
 * navigation, so the message is hidden once the location changes.
 */
export function FlashMessage({ flash }: { flash: FlashData | null }) {
  const location = useLocation();
  const [arrival, setArrival] = useState({ flash, key: location.key });
  if (arrival.flash !== flash) setArrival({ flash, key: location.key });
  if (!flash || arrival.key !== location.key) return null;
  return (
    <div className="flash container">
      <Alert tone={flash.tone}>
        <p>{flash.text}</p>
      </Alert>
    </div>
  );
}
