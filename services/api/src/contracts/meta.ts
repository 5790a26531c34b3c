import type { RouteContract } from '@gallery/lambda/route';
import * as z from '@gallery/core/zod';

export const healthRoute = {
  operationId: 'health',
  method: 'GET',
  path: '/v1/health',
  summary: 'Liveness',
  tags: ['meta'],
  auth: 'none',
  responses: {
    200: {
      description: 'The service is up',
      schema: z.object({ status: z.literal('ok'), service: z.literal('api') }),
    },
  },
  errors: [],
} satisfies RouteContract;

export const openApiRoute = {
  operationId: 'getOpenApiDocument',
  method: 'GET',
  path: '/v1/openapi.json',
  summary: 'This document',
  tags: ['meta'],
  auth: 'none',
  responses: {
    200: {
      description: 'The OpenAPI 3.1 document of this API',
      schema: z.catchall(z.object({ openapi: z.string() }), z.unknown()),
    },
  },
  errors: [],
} satisfies RouteContract;
