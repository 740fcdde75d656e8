import path from 'node:path';
import express, { Router } from 'express';

const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/**
 * GraphiQL from npm, served by the hub (React and GraphiQL's built bundles): the explorer works on a
 * machine without internet, unlike Apollo's landing page, which loads from a CDN. Development only;
 * only a browser's GET asking for HTML gets it, so GET and POST queries are Apollo's as before.
 */
export function graphiqlRouter(): Router {
  const r = Router();
  const files = {
    'react.js': path.join(packageDir('react'), 'umd', 'react.production.min.js'),
    'react-dom.js': path.join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'),
    'graphiql.js': path.join(packageDir('graphiql'), 'graphiql.min.js'),
    'graphiql.css': path.join(packageDir('graphiql'), 'graphiql.min.css'),
  };
  for (const [name, file] of Object.entries(files)) r.get(`/assets/graphiql/${name}`, (_req, res) => res.sendFile(file, { maxAge: '1h' }));
  r.use('/assets/graphiql', express.static(path.join(packageDir('graphiql'))));
  r.get('/graphql', (req, res, next) => {
    const wantsHtml = req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
    if (!wantsHtml || 'query' in req.query) return next();
    res.type('html').send(PAGE);
  });
  return r;
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>GraphiQL – Partnership hub</title>
  <link rel="stylesheet" href="/assets/graphiql/graphiql.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="/assets/graphiql/react.js"></script>
  <script src="/assets/graphiql/react-dom.js"></script>
  <script src="/assets/graphiql/graphiql.js"></script>
  <script>
    // Sign in with the signIn mutation, then put {"Authorization": "Bearer <token>"} in the Headers tab.
    const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true, defaultQuery: '# Sign in, then add {"Authorization": "Bearer <token>"} in Headers\\nmutation { signIn(email: "coordinator.llr@demo.hub", password: "") { token } }\\n' }),
    );
  </script>
</body>
</html>
`;
