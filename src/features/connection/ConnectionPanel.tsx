import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { sessionStore } from '../../app/session.ts';
import { useT } from '../../i18n/useT.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import type { ServiceId, ServiceStatus } from '../../aws/connectionCheck.ts';

const LABELS: Record<ServiceId, MessageKey> = {
  cognito: 'service.cognito',
  bedrock: 'service.bedrock',
  dynamodb: 'service.dynamodb',
  s3: 'service.s3',
  kendra: 'service.kendra',
};

/** Region, identity and which services answer, for a newcomer checking the setup (part of Settings). */
export function ConnectionPanel() {
  const t = useT();
  const connection = useStore(sessionStore, (s) => s.connection)!;
  const user = useStore(sessionStore, (s) => s.user);
  // Signing in already proved Cognito answers; the rest are probed.
  const [statuses, setStatuses] = useState<Partial<Record<ServiceId, ServiceStatus>>>({ cognito: { state: 'ok' } });
  const [round, setRound] = useState(0);

  useEffect(() => {
    let live = true;
    void import('../../aws/connectionCheck.ts')
      .then(({ checkServices }) => checkServices(connection.clients))
      .then((found) => live && setStatuses({ cognito: { state: 'ok' }, ...found }));
    return () => {
      live = false;
    };
  }, [connection, round]);
  const recheck = () => {
    setStatuses({ cognito: { state: 'ok' } });
    setRound((r) => r + 1);
  };

  return (
    <section className="card" aria-labelledby="connection-title">
        <h2 id="connection-title">{t('connection.title')}</h2>
        <dl className="facts">
          <dt>{t('connection.user')}</dt>
          <dd data-testid="username">{user?.username}</dd>
          <dt>{t('connection.region')}</dt>
          <dd data-testid="region">{connection.clients.config.region}</dd>
          <dt>{t('connection.identity')}</dt>
          <dd data-testid="identity-id"><code>{connection.identityId}</code></dd>
        </dl>
        <h3>{t('connection.services')}</h3>
        <ul className="services">
          {(Object.keys(LABELS) as ServiceId[]).map((id) => {
            const status = statuses[id];
            const text = !status
              ? t('connection.checking')
              : status.state === 'ok'
                ? `${t('connection.ok')}${status.models === undefined ? '' : ` · ${t('connection.models', { count: status.models })}`}`
                : status.state === 'disabled'
                  ? t('connection.disabled')
                  : `${t('connection.failed')} · ${status.error}`;
            return (
              <li key={id} data-testid={`service-${id}`} data-state={status?.state ?? 'checking'}>
                <span className={`dot ${status?.state ?? 'checking'}`} aria-hidden="true" />
                <span className="service-name">{t(LABELS[id])}</span>
                <span className="service-state">{text}</span>
              </li>
            );
          })}
        </ul>
        <button type="button" className="secondary" onClick={recheck}>{t('connection.recheck')}</button>
    </section>
  );
}
