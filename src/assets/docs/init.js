// Starts Swagger UI on the API's own OpenAPI document: an external script, as the
// Content-Security-Policy allows no inline one.
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
