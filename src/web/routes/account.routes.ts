import { Request, Response, Router } from 'express';
import type { ChangePasswordMutation, SignInMutation, SignOutEverywhereMutation } from '../generated/graphql';
import { errorItems, field, Web } from '../kit';

/** Everyone: sign in and out, change password, "my boards". */
export function accountRoutes(web: Web): Router {
  const r = Router();

  r.get('/', async (req, res) => {
    const me = await web.me(req);
    await web.render(req, res, 'home', { title: 'My boards', section: 'boards', me });
  });

  r.get('/sign-in', async (req, res) => {
    const state = await web.state(req);
    if (state.user) return res.redirect(303, '/');
    await web.render(req, res, 'sign-in', { title: 'Sign in', values: {} });
  });

  r.post('/sign-in', async (req: Request, res: Response) => {
    const email = field(req, 'email');
    const password = typeof req.body?.password === 'string' ? req.body.password : '';
    const errors = [];
    if (!email) errors.push({ text: 'Enter your email address', href: '#email' });
    if (!password) errors.push({ text: 'Enter your password', href: '#password' });
    if (!errors.length) {
      // The API's own signIn: the same throttle per email and per client address, the same audit of attempts.
      const result = await web.ops.run<SignInMutation, { email: string; password: string }>('SignIn', { email, password }, (await web.state(req)).context);
      if (!result.errors.length && result.data) {
        const session = web.session(req);
        await session.regenerate();
        session.data.token = result.data.signIn.token;
        session.data.tokenExpiresAt = result.data.signIn.expiresAt;
        await session.save();
        return res.redirect(303, '/');
      }
      const e = result.errors[0];
      if (e.code === 'TOO_MANY_REQUESTS') res.setHeader('retry-after', String(e.extensions.retryAfterSeconds ?? 60));
      errors.push({ text: e.code === 'TOO_MANY_REQUESTS' ? `Too many failed sign-ins. Try again in ${e.extensions.retryAfterSeconds} seconds.` : e.message, href: '#email' });
      return web.render(req, res, 'sign-in', { title: 'Sign in', errors, values: { email } }, e.code === 'TOO_MANY_REQUESTS' ? 429 : 401);
    }
    await web.render(req, res, 'sign-in', { title: 'Sign in', errors, values: { email } }, 400);
  });

  r.post('/sign-out', async (req, res) => {
    await web.session(req).destroy();
    const session = web.session(req);
    session.data.flash = { kind: 'important', text: 'You have signed out.' };
    await session.save();
    res.redirect(303, '/sign-in');
  });

  r.post('/account/sign-out-everywhere', async (req, res) => {
    await web.me(req);
    // Moves the user's token version on: every session, on every device and in the API, ends now.
    await web.mutate<SignOutEverywhereMutation>(req, 'SignOutEverywhere', {});
    const session = web.session(req);
    await session.destroy();
    session.data.flash = { kind: 'important', text: 'You have been signed out on every device.' };
    await session.save();
    res.redirect(303, '/sign-in');
  });

  r.get('/account/password', async (req, res) => {
    await web.me(req);
    await web.render(req, res, 'change-password', { title: 'Change your password', section: 'account', back: { href: '/' } });
  });

  r.post('/account/password', async (req, res) => {
    await web.me(req);
    const currentPassword = String(req.body?.currentPassword ?? '');
    const newPassword = String(req.body?.newPassword ?? '');
    const confirm = String(req.body?.confirmPassword ?? '');
    const errors = [];
    if (!currentPassword) errors.push({ text: 'Enter your current password', href: '#currentPassword' });
    if (!newPassword) errors.push({ text: 'Enter a new password', href: '#newPassword' });
    else if (newPassword !== confirm) errors.push({ text: 'The new passwords do not match', href: '#confirmPassword' });
    if (!errors.length) {
      const result = await web.mutate<ChangePasswordMutation>(req, 'ChangePassword', { currentPassword, newPassword });
      if (!result.errors.length && result.data) {
        // Every other session ends with the old token version; this one carries on with the new token.
        const session = web.session(req);
        session.data.token = result.data.changePassword.token;
        session.data.tokenExpiresAt = result.data.changePassword.expiresAt;
        return web.redirectWithFlash(req, res, '/', 'Your password has been changed. You have been signed out everywhere else.');
      }
      errors.push(...errorItems(result.errors, (f) => f));
    }
    await web.render(req, res, 'change-password', { title: 'Change your password', section: 'account', back: { href: '/' }, errors }, 400);
  });

  return r;
}

