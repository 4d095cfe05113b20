// The office's shared reply templates: everyone reads them, supervisors and admins edit.
import { z } from 'zod';
import { seededTemplates, type Template } from './data/templates.js';
import { describeIssues } from './events.js';
import { errorResponse, json, NO_BODY, type ApiResponse } from './http.js';
import { formatJst } from './time.js';

export const TEMPLATE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

const templateBody = z.object({
  id: z.string().optional(),
  name: z.string().min(1).max(200),
  language: z.string().min(1).max(20),
  subject: z.string().max(1000),
  body: z.string().max(50_000),
});

export class TemplateStore {
  private readonly templates = new Map<string, Template>();

  constructor(seededAt: string) {
    for (const t of seededTemplates(seededAt)) this.templates.set(t.id, t);
  }

  list(): Template[] {
    return [...this.templates.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  put(id: string, body: unknown, nowMs: number): ApiResponse {
    if (!TEMPLATE_ID_PATTERN.test(id)) return errorResponse(400, 'bad_request', 'A template id is 1 to 64 of A-Z a-z 0-9 _ -.');
    if (body === NO_BODY) return errorResponse(400, 'bad_request', 'The request needs a JSON body.');
    const parsed = templateBody.safeParse(body);
    if (!parsed.success) return errorResponse(422, 'invalid_template', describeIssues(parsed.error.issues));
    if (parsed.data.id !== undefined && parsed.data.id !== id) return errorResponse(400, 'bad_request', 'The id in the body does not match the URL.');
    const created = !this.templates.has(id);
    const template: Template = {
      id,
      name: parsed.data.name,
      language: parsed.data.language,
      subject: parsed.data.subject,
      body: parsed.data.body,
      updated_at: formatJst(nowMs),
    };
    this.templates.set(id, template);
    return json(created ? 201 : 200, template);
  }

  /** Deleting a template that is already gone is fine: a retried DELETE must not fail. */
  remove(id: string): ApiResponse {
    if (!TEMPLATE_ID_PATTERN.test(id)) return errorResponse(400, 'bad_request', 'A template id is 1 to 64 of A-Z a-z 0-9 _ -.');
    this.templates.delete(id);
    return { status: 204 };
  }
}
