// The interactive docs: Swagger UI, served from this deployment (no CDN), reading this deployment's
// /openapi.json. "Try it out" calls go to the same origin; a deployed API needs a bearer token (Authorize).
window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  docExpansion: 'list',
  defaultModelsExpandDepth: 0,
  tryItOutEnabled: false,
  // No validator badge: it would call an outside validation service.
  validatorUrl: null,
});
