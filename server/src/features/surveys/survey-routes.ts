import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateSurveyBody,
  IdParams,
  NoQuery,
  PublishSurveyBody,
  RenameSurveyBody,
  SaveQuestionsBody,
  SurveyDetail,
  SurveyList,
} from '@lagesbild/shared';
import { actorOf, changed, denied, errors } from '../../lib/staff-route-kit';
import { COORDINATORS } from '../../plugins/access';
import { createSurvey, discardDraft, listSurveys, publishSurvey, renameSurvey, saveQuestions, surveyDetail } from './survey-service';

export const surveyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/surveys',
    {
      schema: {
        summary: 'Surveys of the collaboration with their newest version',
        tags: ['surveys'],
        querystring: NoQuery,
        response: { 200: SurveyList, ...denied },
      },
      config: { access: 'staff' },
    },
    async (request) => listSurveys(app.db, actorOf(request).collaborationId),
  );

  app.post(
    '/api/surveys',
    {
      schema: {
        summary: 'Creates a survey (version 1, a draft) from the standard questions or empty',
        tags: ['surveys'],
        querystring: NoQuery,
        body: CreateSurveyBody,
        response: { 201: SurveyDetail, ...errors(400, 401, 403) },
      },
      config: { access: COORDINATORS },
    },
    async (request, reply) => reply.status(201).send(await createSurvey(app.db, actorOf(request), request.body)),
  );

  app.get(
    '/api/surveys/:id',
    {
      schema: {
        summary: 'A survey: its versions and the questions of the newest',
        tags: ['surveys'],
        params: IdParams,
        querystring: NoQuery,
        response: { 200: SurveyDetail, ...errors(400, 401, 403, 404) },
      },
      config: { access: 'staff' },
    },
    async (request) => surveyDetail(app.db, actorOf(request).collaborationId, request.params.id),
  );

  app.patch(
    '/api/surveys/:id',
    {
      schema: {
        summary: 'Renames a survey',
        tags: ['surveys'],
        params: IdParams,
        querystring: NoQuery,
        body: RenameSurveyBody,
        response: { 200: SurveyDetail, ...changed },
      },
      config: { access: COORDINATORS },
    },
    async (request) => renameSurvey(app.db, actorOf(request), request.params.id, request.body.name),
  );

  app.put(
    '/api/surveys/:id/questions',
    {
      schema: {
        summary: 'Saves the questions: a draft changes in place; a published version gets a new draft version after it',
        tags: ['surveys'],
        params: IdParams,
        querystring: NoQuery,
        body: SaveQuestionsBody,
        response: { 200: SurveyDetail, ...changed },
      },
      config: { access: COORDINATORS },
    },
    async (request) => saveQuestions(app.db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/surveys/:id/publish',
    {
      schema: {
        summary: 'Publishes the draft: it is frozen and campaigns may use it',
        tags: ['surveys'],
        params: IdParams,
        querystring: NoQuery,
        body: PublishSurveyBody,
        response: { 200: SurveyDetail, ...changed },
      },
      config: { access: COORDINATORS },
    },
    async (request) => publishSurvey(app.db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/surveys/:id/discard-draft',
    {
      schema: {
        summary: 'Throws away the unpublished newest version (not version 1)',
        tags: ['surveys'],
        params: IdParams,
        querystring: NoQuery,
        body: PublishSurveyBody,
        response: { 200: SurveyDetail, ...changed },
      },
      config: { access: COORDINATORS },
    },
    async (request) => discardDraft(app.db, actorOf(request), request.params.id, request.body),
  );
};
