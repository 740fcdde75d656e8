import { DEMO_PASSWORD, seedDemo } from '../seeds';
import { startHub, TestHub } from './helpers/hub';
describe('timing', () => {
  let hub: TestHub;
  it('times', async () => {
    hub = await startHub({ freshDatabase: 'hub_demo_timing' });
    await seedDemo(hub.ds, (p) => hub.app.services.user.hash(p));
    const token = (await hub.gql(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`, { e: 'coordinator.llr@demo.hub', p: DEMO_PASSWORD })).data.signIn.token;
    const b = (await hub.gql(`{ boards { id } }`, {}, token)).data.boards[0].id;
    for (let i = 0; i < 5; i++) {
      let t = Date.now();
      await hub.gql(`query($b: ID!) { scorecard(boardId: $b, periodEnd: "2014-09-30") { rows { indicator { key } value rag } } }`, { b }, token);
      const a = Date.now() - t;
      t = Date.now();
      await hub.app.services.scorecard.scorecard.figures(b, '2014-07-01', '2014-09-30');
      console.log('gql', a, 'service', Date.now() - t);
    }
    await hub.close();
  }, 120000);
});
