// The console's frame. The views (Today, Customers, Schedule, Settings) grow in here.
import { planTemplates } from '../../core/plans';

export function ConsoleShell() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 16 }}>
      <h1 style={{ fontSize: 18, margin: 0 }}>TAM Console</h1>
      <p style={{ color: '#555' }}>Plans known to this console:</p>
      <ul>
        {planTemplates.map((plan) => (
          <li key={plan.id}>{plan.name}</li>
        ))}
      </ul>
    </main>
  );
}
