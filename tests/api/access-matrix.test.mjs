// Who may do what: every route of GET /api/openapi.json × every demo role (and signed out),
// against an explicit expectation table. A route the server adds without a row here fails the
// test, so nothing escapes it. Path parameters are tried with a value inside Gia Lai's scope
// ("gl") and one inside Đồng Nai's ("dn"). State-changing routes also get a CSRF sweep.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KIND, assertError, assertStatus, http, listAll, login, startServer, todayVN, uniq, xlsx, decision } from './harness.mjs';
import { caseWorkRequest } from './case-work-matrix.mjs';

const ROLES = ['admin', 'bo', 'tinh.gialai', 'tinh.dongnai', 'xa.gialai', 'coquan.gialai', 'xem.gialai', 'anon'];

// Expected status per role, columns in ROLES order:
//                                          admin bo   tinhGL tinhDN xaGL coquan xem  anon
const TABLE = {
  'GET /healthz':                             [200, 200, 200, 200, 200, 200, 200, 200],
  'GET /readyz':                              [200, 200, 200, 200, 200, 200, 200, 200],
  'GET /api/openapi.json':                    [200, 200, 200, 200, 200, 200, 200, 200],
  'POST /api/auth/login':                     [200, 200, 200, 200, 200, 200, 200, 200],
  'POST /api/auth/logout':                    [204, 204, 204, 204, 204, 204, 204, 401],
  'GET /api/me':                              [200, 200, 200, 200, 200, 200, 200, 401],
  'POST /api/me/password':                    [400, 400, 400, 400, 400, 400, 400, 401], // wrong current password
  'PUT /api/me/signer':                        [400, 400, 400, 400, 400, 400, 400, 401], // a title that is not text
  'GET /api/setup':                           [200, 200, 200, 200, 200, 200, 200, 200],
  'POST /api/setup':                          [409, 409, 409, 409, 409, 409, 409, 409], // users exist
  'GET /api/org-unit-kinds':                  [200, 200, 200, 200, 200, 200, 200, 401],
  'GET /api/org-units':                       [200, 200, 200, 200, 200, 200, 200, 401],
  'POST /api/org-units/import':               [200, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/org-units/{code} gl':             [200, 200, 200, 200, 200, 200, 200, 401],
  'GET /api/org-units/{code} dn':             [200, 200, 200, 200, 200, 200, 200, 401],
  'GET /api/agency-kinds':                    [200, 200, 200, 200, 200, 200, 200, 401],
  'GET /api/agencies':                        [200, 200, 200, 200, 200, 200, 200, 401],
  'POST /api/agencies gl':                    [201, 403, 201, 403, 403, 403, 403, 401],
  'POST /api/agencies dn':                    [201, 403, 403, 201, 403, 403, 403, 401],
  'GET /api/agencies/{id} gl':                [200, 200, 200, 200, 200, 200, 200, 401],
  'GET /api/agencies/{id} dn':                [200, 200, 200, 200, 200, 200, 200, 401],
  'PUT /api/agencies/{id} gl':                [200, 403, 200, 404, 403, 403, 403, 401],
  'PUT /api/agencies/{id} dn':                [200, 403, 404, 200, 403, 403, 403, 401],
  'GET /api/roles':                           [200, 200, 200, 200, 403, 403, 403, 401],
  'GET /api/users':                           [200, 200, 200, 200, 403, 403, 403, 401],
  'POST /api/users gl':                       [201, 403, 201, 403, 403, 403, 403, 401],
  'POST /api/users dn':                       [201, 403, 403, 201, 403, 403, 403, 401],
  'GET /api/users/{id} gl':                   [200, 200, 200, 404, 403, 403, 403, 401],
  'GET /api/users/{id} dn':                   [200, 200, 404, 200, 403, 403, 403, 401],
  'PUT /api/users/{id} gl':                   [200, 403, 200, 404, 403, 403, 403, 401],
  'PUT /api/users/{id} dn':                   [200, 403, 404, 200, 403, 403, 403, 401],
  'POST /api/users/{id}/reset-password gl':   [204, 403, 204, 404, 403, 403, 403, 401],
  'POST /api/users/{id}/reset-password dn':   [204, 403, 404, 204, 403, 403, 403, 401],
  'GET /api/audit':                           [200, 200, 200, 200, 403, 403, 403, 401],
  // directives, attachments and tasks (routes_directives.cpp): "gl" = the 2026 Gia Lai plan and its
  // task 1 (lead Sở Y tế = coquan.gialai's agency), "dn" = the 2023 Đồng Nai plan and its task VI.3.
  // xa.gialai reads directives issued above its ward but not provincial tasks; bo has no tasks.update.
  'GET /api/directive-kinds':                 [200, 200, 200, 200, 200, 200, 200, 401],
  'GET /api/directives':                      [200, 200, 200, 200, 200, 200, 200, 401],
  'POST /api/directives gl':                  [201, 201, 201, 403, 403, 403, 403, 401],
  'POST /api/directives dn':                  [201, 201, 403, 201, 403, 403, 403, 401],
  'GET /api/directives/{id} gl':              [200, 200, 200, 404, 200, 200, 200, 401],
  'GET /api/directives/{id} dn':              [200, 200, 404, 200, 404, 404, 404, 401],
  'PUT /api/directives/{id} gl':              [200, 200, 200, 404, 403, 403, 403, 401],
  'PUT /api/directives/{id} dn':              [200, 200, 404, 200, 403, 403, 403, 401],
  'POST /api/directives/{id}/attachments gl': [201, 201, 201, 404, 403, 403, 403, 401],
  'POST /api/directives/{id}/attachments dn': [201, 201, 404, 201, 403, 403, 403, 401],
  'GET /api/attachments/{id} gl':             [200, 200, 200, 404, 200, 200, 200, 401],
  'GET /api/attachments/{id} dn':             [200, 200, 404, 200, 404, 404, 404, 401],
  'GET /api/tasks':                           [200, 200, 200, 200, 200, 200, 200, 401],
  'POST /api/tasks gl':                       [201, 201, 201, 400, 403, 403, 403, 401], // unseen directive: 400 directiveId
  'POST /api/tasks dn':                       [201, 201, 400, 201, 403, 403, 403, 401],
  'GET /api/tasks/board gl':                  [200, 200, 200, 404, 404, 200, 200, 401],
  'GET /api/tasks/board dn':                  [200, 200, 404, 200, 404, 404, 404, 401],
  'GET /api/tasks/overview gl':               [200, 200, 200, 404, 404, 200, 200, 401],
  'GET /api/tasks/overview dn':               [200, 200, 404, 200, 404, 404, 404, 401],
  'GET /api/tasks/{id} gl':                   [200, 200, 200, 404, 404, 200, 200, 401],
  'GET /api/tasks/{id} dn':                   [200, 200, 404, 200, 404, 404, 404, 401],
  'PUT /api/tasks/{id} gl':                   [200, 200, 200, 404, 403, 403, 403, 401],
  'PUT /api/tasks/{id} dn':                   [200, 200, 404, 200, 403, 403, 403, 401],
  'POST /api/tasks/{id}/extensions gl':       [201, 201, 201, 404, 403, 403, 403, 401], // a one-off task; bo: manage, all in scope
  'POST /api/tasks/{id}/extensions dn':       [201, 201, 404, 201, 403, 403, 403, 401],
  'POST /api/tasks/{id}/progress gl':         [201, 403, 201, 404, 404, 201, 403, 401],
  'POST /api/tasks/{id}/progress dn':         [201, 403, 404, 201, 404, 404, 403, 401],
  // programme review and integration plans (routes_plans.cpp). Plans of Gia Lai belong to Sở Y tế
  // (coquan.gialai's agency); xa.gialai's scope is its ward, so provincial records answer 404.
  'GET /api/taxonomies/{kind}':               [200, 200, 200, 200, 200, 200, 200, 401],
  'PUT /api/taxonomies/{kind}/{code}':        [200, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/programmes':                      [200, 200, 200, 200, 200, 200, 200, 401],
  'POST /api/programmes gl':                  [201, 403, 201, 403, 403, 201, 403, 401],
  'POST /api/programmes dn':                  [201, 403, 403, 201, 403, 403, 403, 401],
  'GET /api/programmes/{id} gl':              [200, 200, 200, 404, 404, 200, 200, 401],
  'GET /api/programmes/{id} dn':              [200, 200, 404, 200, 404, 404, 404, 401],
  'PUT /api/programmes/{id} gl':              [200, 403, 200, 404, 404, 200, 403, 401],
  'PUT /api/programmes/{id} dn':              [200, 403, 404, 200, 404, 404, 403, 401],
  'GET /api/plans':                           [200, 200, 200, 200, 200, 200, 200, 401],
  'POST /api/plans gl':                       [201, 403, 201, 403, 403, 201, 403, 401],
  'POST /api/plans dn':                       [201, 403, 403, 201, 403, 403, 403, 401],
  'GET /api/plans/inbox':                     [200, 200, 200, 200, 403, 403, 403, 401], // the ministry approves province plans (rule, 0018)
  'GET /api/plans/{id} gl':                   [200, 200, 200, 404, 404, 200, 200, 401],
  'GET /api/plans/{id} dn':                   [200, 200, 404, 200, 404, 404, 404, 401],
  'PUT /api/plans/{id} gl':                   [200, 403, 200, 404, 404, 200, 403, 401],
  'PUT /api/plans/{id} dn':                   [200, 403, 404, 200, 404, 404, 403, 401],
  'POST /api/plans/{id}/submit gl':           [200, 403, 200, 404, 404, 200, 403, 401],
  'POST /api/plans/{id}/submit dn':           [200, 403, 404, 200, 404, 404, 403, 401],
  'POST /api/plans/{id}/approve gl':          [200, 200, 200, 404, 403, 403, 403, 401],
  'POST /api/plans/{id}/approve dn':          [200, 200, 404, 200, 403, 403, 403, 401],
  'POST /api/plans/{id}/return gl':           [200, 200, 200, 404, 403, 403, 403, 401],
  'POST /api/plans/{id}/return dn':           [200, 200, 404, 200, 403, 403, 403, 401],
  'POST /api/plans/{id}/new-version gl':      [201, 403, 201, 404, 404, 201, 403, 401],
  'POST /api/plans/{id}/new-version dn':      [201, 403, 404, 201, 404, 404, 403, 401],
  // plans (issue 15, plan decision and quick-entry links): correcting an approved plan's decision is
  // the approving authority's (like approve); the plans an activity may implement need activities.record
  'PUT /api/plans/{id}/decision gl':          [200, 200, 200, 404, 403, 403, 403, 401],
  'PUT /api/plans/{id}/decision dn':          [200, 200, 404, 200, 403, 403, 403, 401],
  'GET /api/plans/linkable':                  [200, 403, 200, 200, 200, 200, 403, 401],
  'GET /api/plans/{id}/history gl':           [200, 200, 200, 404, 404, 200, 200, 401],
  'GET /api/plans/{id}/history dn':           [200, 200, 404, 200, 404, 404, 404, 401],
  // my work and notifications (routes_my_work.cpp): everyone signed in has their own; "gl" = a
  // notification of coquan.gialai (its plan approved), nobody else's (404, existence does not leak)
  'GET /api/my-work':                          [200, 200, 200, 200, 200, 200, 200, 401],
  'GET /api/notifications':                    [200, 200, 200, 200, 200, 200, 200, 401],
  'POST /api/notifications/read-all':          [200, 200, 200, 200, 200, 200, 200, 401],
  'POST /api/notifications/{id}/read gl':      [404, 404, 404, 404, 404, 200, 404, 401],
  // e-mail of the notifications (routes_mail.cpp): the settings and the test mail are the system
  // administrator's (no SMTP in this server: the test mail → 409); everyone has their own preference
  'GET /api/system/mail':                       [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/system/mail/test':                 [409, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/me/mail':                           [200, 200, 200, 200, 200, 200, 200, 401],
  'PUT /api/me/mail':                           [200, 200, 200, 200, 200, 200, 200, 401],
  // DHIS2 export (routes_dhis2.cpp, issue 21): interop.export for the ministry, provinces and the
  // admin (404 outside scope); the mappings and settings are the admin's (interop.configure). Bodies
  // that change mappings are invalid on purpose (400/409): the matrix changes nothing; a push
  // without dryRun is refused (scope: tests/api/dhis2.test.mjs).
  'GET /api/interop/dhis2/dataValueSets gl':    [200, 200, 200, 404, 403, 403, 403, 401],
  'GET /api/interop/dhis2/dataValueSets dn':    [200, 200, 404, 200, 403, 403, 403, 401],
  'GET /api/interop/dhis2/preview gl':          [200, 200, 200, 404, 403, 403, 403, 401],
  'GET /api/interop/dhis2/preview dn':          [200, 200, 404, 200, 403, 403, 403, 401],
  'POST /api/interop/dhis2/exports gl':         [400, 400, 400, 400, 403, 403, 403, 401], // dryRun missing
  'GET /api/interop/dhis2/exports':             [200, 200, 200, 200, 403, 403, 403, 401],
  'GET /api/interop/dhis2/mappings':            [200, 200, 200, 200, 403, 403, 403, 401],
  'POST /api/interop/dhis2/mappings/elements':  [400, 403, 403, 403, 403, 403, 403, 401],
  'PUT /api/interop/dhis2/mappings/elements/{id}': [400, 403, 403, 403, 403, 403, 403, 401],
  'DELETE /api/interop/dhis2/mappings/elements/{id}': [409, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/interop/dhis2/mappings/org-units': [400, 403, 403, 403, 403, 403, 403, 401],
  'PUT /api/interop/dhis2/mappings/org-units/{id}': [404, 403, 403, 403, 403, 403, 403, 401],
  'DELETE /api/interop/dhis2/mappings/org-units/{id}': [404, 403, 403, 403, 403, 403, 403, 401],
  'PUT /api/interop/dhis2/mappings/datasets/{form}': [409, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/interop/dhis2/settings':            [200, 403, 403, 403, 403, 403, 403, 401],
  'PUT /api/interop/dhis2/settings':            [409, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/plans/{id}/versions gl':          [200, 200, 200, 404, 404, 200, 200, 401],
  'GET /api/plans/{id}/versions dn':          [200, 200, 404, 200, 404, 404, 404, 401],
  'GET /api/plans/{id}/export.xlsx gl':       [200, 200, 200, 404, 404, 200, 200, 401],
  'GET /api/plans/{id}/export.xlsx dn':       [200, 200, 404, 200, 404, 404, 404, 401],
  // the yearly evaluation (routes_evaluations.cpp): the plan's permissions; "gl"/"dn" = an approved
  // plan of Sở Y tế in each province. Writing the narrative needs plans.edit on a plan one may read.
  'GET /api/plans/{id}/evaluation gl':        [200, 200, 200, 404, 404, 200, 200, 401],
  'GET /api/plans/{id}/evaluation dn':        [200, 200, 404, 200, 404, 404, 404, 401],
  'PUT /api/plans/{id}/evaluation gl':        [200, 403, 200, 404, 404, 200, 403, 401],
  'PUT /api/plans/{id}/evaluation dn':        [200, 403, 404, 200, 404, 404, 403, 401],
  'GET /api/plans/{id}/evaluation/document gl': [200, 200, 200, 404, 404, 200, 200, 401],
  'GET /api/plans/{id}/evaluation/document dn': [200, 200, 404, 200, 404, 404, 404, 401],
  // activities, imports and surveys (routes_activities.cpp): activities.read = every role;
  // activities.record = admin, tinh.*, xa.gialai, coquan.gialai; surveys.record = admin, tinh.*, xa.gialai.
  // "gl" = an activity of Phường Quy Nhơn (21583) led by Sở Y tế Gia Lai (coquan.gialai's agency),
  // "dn" = one of Đồng Nai (75) led by Sở Y tế Đồng Nai. A unit outside the caller's scope is a
  // validation fault of orgUnitCode (400); a focal point naming another agency as lead is 403.
  // Imports are seen by their creator only (here admin): everyone else 404.
  'GET /api/activities':                      [200, 200, 200, 200, 200, 200, 200, 401],
  'POST /api/activities gl':                  [201, 403, 201, 400, 201, 201, 403, 401],
  'POST /api/activities dn':                  [201, 403, 400, 201, 400, 403, 403, 401],
  'GET /api/activities/recent':               [200, 403, 200, 200, 200, 200, 403, 401],
  'GET /api/activities/export':               [200, 200, 200, 200, 200, 200, 200, 401],
  'GET /api/activities/{id} gl':              [200, 200, 200, 404, 200, 200, 200, 401],
  'GET /api/activities/{id} dn':              [200, 200, 404, 200, 404, 404, 404, 401],
  'PUT /api/activities/{id} gl':              [200, 403, 200, 404, 200, 200, 403, 401],
  'PUT /api/activities/{id} dn':              [200, 403, 404, 200, 404, 404, 403, 401],
  'DELETE /api/activities/{id} gl':           [204, 403, 204, 404, 204, 204, 403, 401],
  'DELETE /api/activities/{id} dn':           [204, 403, 404, 204, 404, 404, 403, 401],
  'POST /api/activities/{id}/attachments gl': [201, 403, 201, 404, 201, 201, 403, 401],
  'POST /api/activities/{id}/attachments dn': [201, 403, 404, 201, 404, 404, 403, 401],
  'GET /api/activity-imports/template':       [200, 200, 200, 200, 200, 200, 200, 401],
  'POST /api/activity-imports':               [202, 403, 202, 202, 202, 202, 403, 401],
  'GET /api/activity-imports/{id}':           [200, 403, 404, 404, 404, 404, 403, 401],
  'POST /api/activity-imports/{id}/commit':   [202, 403, 404, 404, 404, 404, 403, 401],
  'GET /api/surveys':                         [200, 200, 200, 200, 200, 200, 200, 401],
  'PUT /api/surveys gl':                      [200, 403, 200, 403, 200, 403, 403, 401],
  'PUT /api/surveys dn':                      [200, 403, 403, 200, 403, 403, 403, 401],
  'DELETE /api/surveys/{id} gl':              [204, 403, 204, 404, 204, 403, 403, 401],
  'DELETE /api/surveys/{id} dn':              [204, 403, 404, 204, 404, 403, 403, 401],
  // periodic reports (routes_reports.cpp, docs/api-reports.md): reports.read = every role;
  // reports.submit = admin, tinh.*, xa.gialai; reports.review = admin, bo, tinh.*. "gl" = the
  // reports of today's Gia Lai (52: home of tinh.gialai, coquan.gialai, xem.gialai), "dn" = of
  // Đồng Nai (75: home of tinh.dongnai). A unit outside the caller's scope answers 404 (xa.gialai's
  // scope is its ward). Only the home unit fills and submits its report (admin sits at VN: 403);
  // the level above accepts, returns, reopens, never its own unit's report (403). The permission
  // is checked first: a caller without it gets 403 even for an unseen unit.
  'GET /api/report-forms':                    [200, 200, 200, 200, 200, 200, 200, 401],
  'GET /api/report-forms/{code}':             [200, 200, 200, 200, 200, 200, 200, 401],
  'GET /api/report-periods gl':               [200, 200, 200, 404, 404, 200, 200, 401],
  'GET /api/report-periods dn':               [200, 200, 404, 200, 404, 404, 404, 401],
  // indicators and targets (routes_indicators.cpp, docs/api-indicators.md): indicators.read =
  // every role; indicators.manage = admin, bo, tinh.*, for units in scope (another province: 404).
  // The permission is checked first: 403 for xa, coquan, xem whatever the unit.
  'GET /api/indicators':                      [200, 200, 200, 200, 200, 200, 200, 401],
  'GET /api/indicators/results gl':           [200, 200, 200, 404, 404, 200, 200, 401],
  'GET /api/indicators/results dn':           [200, 200, 404, 200, 404, 404, 404, 401],
  'GET /api/indicators/scorecard gl':         [200, 200, 200, 404, 404, 200, 200, 401],
  'GET /api/indicators/scorecard dn':         [200, 200, 404, 200, 404, 404, 404, 401],
  'POST /api/indicators/preview gl':          [200, 200, 200, 404, 404, 200, 200, 401],
  'POST /api/indicators/preview dn':          [200, 200, 404, 200, 404, 404, 404, 401],
  'GET /api/indicator-targets gl':            [200, 200, 200, 404, 404, 200, 200, 401],
  'GET /api/indicator-targets dn':            [200, 200, 404, 200, 404, 404, 404, 401],
  'PUT /api/indicator-targets gl':            [200, 200, 200, 404, 403, 403, 403, 401],
  'PUT /api/indicator-targets dn':            [200, 200, 404, 200, 403, 403, 403, 401],
  'DELETE /api/indicator-targets gl':         [204, 204, 204, 404, 403, 403, 403, 401],
  'DELETE /api/indicator-targets dn':         [204, 204, 404, 204, 403, 403, 403, 401],
  'GET /api/reports/current gl':              [200, 200, 200, 404, 404, 200, 200, 401],
  'GET /api/reports/current dn':              [200, 200, 404, 200, 404, 404, 404, 401],
  'PUT /api/reports gl':                      [403, 403, 200, 404, 404, 403, 403, 401],
  'PUT /api/reports dn':                      [403, 403, 404, 200, 404, 404, 403, 401],
  'GET /api/reports/compile gl':              [200, 200, 200, 404, 404, 200, 200, 401],
  'GET /api/reports/compile dn':              [200, 200, 404, 200, 404, 404, 404, 401],
  'GET /api/reports/overdue gl':              [200, 200, 200, 404, 404, 200, 200, 401],
  'GET /api/reports/overdue dn':              [200, 200, 404, 200, 404, 404, 404, 401],
  'GET /api/reports/reminders':               [200, 200, 200, 200, 200, 200, 200, 401],
  'GET /api/reports/document gl':             [200, 200, 200, 404, 404, 200, 200, 401],
  'GET /api/reports/document dn':             [200, 200, 404, 200, 404, 404, 404, 401],
  'POST /api/reports/{id}/submit gl':         [403, 403, 200, 404, 404, 403, 403, 401],
  'POST /api/reports/{id}/submit dn':         [403, 403, 404, 200, 404, 404, 403, 401],
  'POST /api/reports/{id}/accept gl':         [200, 200, 403, 404, 403, 403, 403, 401],
  'POST /api/reports/{id}/accept dn':         [200, 200, 404, 403, 403, 403, 403, 401],
  'POST /api/reports/{id}/return gl':         [200, 200, 403, 404, 403, 403, 403, 401],
  'POST /api/reports/{id}/return dn':         [200, 200, 404, 403, 403, 403, 403, 401],
  'POST /api/reports/{id}/reopen gl':         [200, 200, 403, 404, 403, 403, 403, 401],
  'POST /api/reports/{id}/reopen dn':         [200, 200, 404, 403, 403, 403, 403, 401],
  // history through the successors (issue 12): the units one may report for in a period (reports.read);
  // the import of past reports (reports.submit; a job is its creator's, here admin's: an invalid
  // file for the reads; a checked one of the ministry's own past report for each commit)
  'GET /api/reports/acting-units':            [200, 200, 200, 200, 200, 200, 200, 401],
  'GET /api/report-imports/template':         [200, 200, 200, 200, 200, 200, 200, 401],
  'POST /api/report-imports':                 [202, 403, 202, 202, 202, 403, 403, 401],
  'GET /api/report-imports/{id}':             [200, 403, 404, 404, 404, 403, 403, 401],
  'POST /api/report-imports/{id}/commit':     [202, 403, 404, 404, 404, 403, 403, 401],
  // map boundaries: geography, readable by every signed-in user; only the administrator imports
  'GET /api/boundaries':                      [200, 200, 200, 200, 200, 200, 200, 401],
  'POST /api/boundaries':                     [200, 403, 403, 403, 403, 403, 403, 401],
  // analytics (routes_analytics.cpp, docs/api-analytics.md): activities.read = every role; the
  // orgUnit filter must be in the caller's scope (else 404); xa.gialai's scope is its ward.
  'GET /api/analytics/meta':                  [200, 200, 200, 200, 200, 200, 200, 401],
  'POST /api/analytics/pivot gl':             [200, 200, 200, 404, 404, 200, 200, 401],
  'POST /api/analytics/pivot dn':             [200, 200, 404, 200, 404, 404, 404, 401],
  'POST /api/analytics/pivot/export gl':      [200, 200, 200, 404, 404, 200, 200, 401],
  'POST /api/analytics/pivot/export dn':      [200, 200, 404, 200, 404, 404, 404, 401],
  // ad-hoc report requests (routes_report_requests.cpp): issued with reports.review at the
  // caller's home unit to the units directly below; visible to who sees the issuer or is asked
  // (xa.gialai is asked by the "gl" request of Gia Lai); closed only by the issuing unit.
  // coquan.gialai now holds reports.submit, but an agency focal point fills only its agency's
  // report: 403 on the unit's own, 404 on a unit it cannot see.
  'POST /api/report-requests':                [201, 201, 201, 201, 403, 403, 403, 401],
  'GET /api/report-requests':                 [200, 200, 200, 200, 200, 200, 200, 401],
  'GET /api/report-requests/{id} gl':         [200, 200, 200, 404, 200, 200, 200, 401],
  'GET /api/report-requests/{id} dn':         [200, 200, 404, 200, 404, 404, 404, 401],
  'POST /api/report-requests/{id}/close gl':  [403, 403, 200, 404, 403, 403, 403, 401],
  'POST /api/report-requests/{id}/close dn':  [403, 403, 404, 200, 403, 403, 403, 401],
  // people supported (routes_cases.cpp, docs/api-cases.md): only the case roles and the
  // administrator (who grants them) hold cases.*; the administrator reads codes but reveals or
  // re-seals nothing, not being assigned (403). The case roles and the wall: CASE_TABLE below.
  'POST /api/cases/duplicates':                [200, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/cases':                            [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases gl':                        [201, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases dn':                        [201, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/cases/{id} gl':                    [200, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/cases/{id} dn':                    [200, 403, 403, 403, 403, 403, 403, 401],
  'PUT /api/cases/{id} gl':                    [200, 403, 403, 403, 403, 403, 403, 401],
  'PUT /api/cases/{id} dn':                    [200, 403, 403, 403, 403, 403, 403, 401],
  'PUT /api/cases/{id}/identity gl':           [403, 403, 403, 403, 403, 403, 403, 401],
  'PUT /api/cases/{id}/identity dn':           [403, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/reveal gl':            [403, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/reveal dn':            [403, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/cases/{id}/access-log gl':         [200, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/cases/{id}/access-log dn':         [200, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/cases/{id}/consents gl':           [200, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/cases/{id}/consents dn':           [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/consents gl':          [201, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/consents dn':          [201, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/consents/{consentId}/withdraw gl': [201, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/consents/{consentId}/withdraw dn': [201, 403, 403, 403, 403, 403, 403, 401],
  // services and referrals (routes_case_services.cpp): the inbox and the answers need
  // cases.referrals.receive (referral_focal_point; the ordinary focal point coquan.gialai has
  // none); the administrator holds it but belongs to no agency: its inbox is empty, its answers 404.
  'GET /api/case-services':                    [200, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/cases/{id}/services gl':           [200, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/cases/{id}/services dn':           [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/services gl':          [201, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/services dn':          [201, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/cases/{id}/referrals gl':          [200, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/cases/{id}/referrals dn':          [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/referrals gl':         [201, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/referrals dn':         [201, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/referrals/inbox':                  [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/referrals/{id}/accept':           [404, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/referrals/{id}/reject':           [404, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/referrals/{id}/done':             [404, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/referrals/{id}/revoke gl':        [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/referrals/{id}/revoke dn':        [200, 403, 403, 403, 403, 403, 403, 401],
  // case work (routes_case_work.cpp): reading cases.read, writing cases.record, deciding cases.supervise
  'GET /api/cases/{id}/work gl':               [200, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/cases/{id}/work dn':               [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/assessments gl':       [201, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/assessments dn':       [201, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/plans gl':             [201, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/plans dn':             [201, 403, 403, 403, 403, 403, 403, 401],
  'PUT /api/case-plans/{id} gl':               [200, 403, 403, 403, 403, 403, 403, 401],
  'PUT /api/case-plans/{id} dn':               [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/case-plans/{id}/submit gl':       [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/case-plans/{id}/submit dn':       [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/case-plans/{id}/approve gl':      [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/case-plans/{id}/approve dn':      [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/case-plans/{id}/return gl':       [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/case-plans/{id}/return dn':       [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/follow-ups gl':        [201, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/follow-ups dn':        [201, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/case-follow-ups/{id}/done gl':    [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/case-follow-ups/{id}/done dn':    [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/case-follow-ups/{id}/cancel gl':  [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/case-follow-ups/{id}/cancel dn':  [200, 403, 403, 403, 403, 403, 403, 401],
  'PUT /api/cases/{id}/outcome gl':            [200, 403, 403, 403, 403, 403, 403, 401],
  'PUT /api/cases/{id}/outcome dn':            [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/closure/request gl':   [201, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/closure/request dn':   [201, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/closure/approve gl':   [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/closure/approve dn':   [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/closure/reject gl':    [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/closure/reject dn':    [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/reopen gl':            [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/reopen dn':            [200, 403, 403, 403, 403, 403, 403, 401],
  // case statistics (routes_case_stats.cpp): cases.read; the orgUnit filter in scope
  'POST /api/analytics/cases/pivot gl':        [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/analytics/cases/pivot dn':        [200, 403, 403, 403, 403, 403, 403, 401],
  // clubs and peer groups (routes_case_groups.cpp): cases.read reads, cases.record changes
  'GET /api/case-groups':                      [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/case-groups gl':                  [201, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/case-groups dn':                  [201, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/case-groups/{id} gl':              [200, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/case-groups/{id} dn':              [200, 403, 403, 403, 403, 403, 403, 401],
  'PUT /api/case-groups/{id} gl':              [200, 403, 403, 403, 403, 403, 403, 401],
  'PUT /api/case-groups/{id} dn':              [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/case-groups/{id}/members gl':     [201, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/case-groups/{id}/members dn':     [201, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/case-groups/{id}/members/{memberId}/end gl': [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/case-groups/{id}/members/{memberId}/end dn': [200, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/cases/{id}/groups gl':             [200, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/cases/{id}/groups dn':             [200, 403, 403, 403, 403, 403, 403, 401],
  // the person's rights (routes_case_rights.cpp): export (cases.record), anonymise and the
  // duplicate-search log (cases.supervise)
  'POST /api/cases/{id}/rights-export gl':     [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/rights-export dn':     [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/rights-export/xlsx gl': [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/rights-export/xlsx dn': [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/anonymise gl':         [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/cases/{id}/anonymise dn':         [200, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/case-search-log':                  [200, 403, 403, 403, 403, 403, 403, 401],
  // the service business registry (routes_businesses.cpp, issue 17): businesses.read for the
  // ministry, province and commune officers, businesses.write for the inspection team and the
  // administrator; "gl" is a business of xa.gialai's ward, "dn" one of Đồng Nai; out of scope 404
  'GET /api/business-types':                   [200, 200, 200, 200, 200, 403, 403, 401],
  'GET /api/businesses':                       [200, 200, 200, 200, 200, 403, 403, 401],
  // the figures of businesses and inspections (routes_inspection_figures.cpp): inspections.read,
  // each role for its home unit by default
  'GET /api/inspection-figures':               [200, 200, 200, 200, 200, 403, 403, 401],
  'GET /api/classification/evidence':          [200, 200, 200, 404, 200, 403, 200, 401], // 21583, 2025
  'POST /api/analytics/inspections/pivot gl':  [200, 200, 200, 404, 404, 403, 403, 401],
  // commune classification figures and the province's decision (routes_classification_figures.cpp, issue 18
  // §5): classification.read, each role for its home unit by default; the decision of Gia Lai for 2025
  // (every commune approved in the demo; the pools below never touch 2025 in Gia Lai) for whoever
  // may see the province, else 404
  'GET /api/classification/figures':           [200, 200, 200, 200, 200, 403, 200, 401],
  'GET /api/classification/decision':          [200, 200, 200, 404, 404, 403, 200, 401],
  // money figures (routes_money.cpp, issue 19 §4): plans.read, the province's subtree for whoever
  // may see it, else 404; without orgUnit the caller's home unit
  'GET /api/money/execution':                  [200, 200, 200, 200, 200, 200, 200, 401],
  'GET /api/money/execution gl':               [200, 200, 200, 404, 404, 200, 200, 401],
  'GET /api/money/execution dn':               [200, 200, 404, 200, 404, 404, 404, 401],
  'GET /api/money/execution.xlsx gl':          [200, 200, 200, 404, 404, 200, 200, 401],
  'GET /api/money/execution.xlsx dn':          [200, 200, 404, 200, 404, 404, 404, 401],
  'GET /api/money/cost-per-result gl':         [200, 200, 200, 404, 404, 200, 200, 401],
  'GET /api/money/cost-per-result dn':         [200, 200, 404, 200, 404, 404, 404, 401],
  'GET /api/money/cost-per-result.xlsx gl':    [200, 200, 200, 404, 404, 200, 200, 401],
  'GET /api/money/cost-per-result.xlsx dn':    [200, 200, 404, 200, 404, 404, 404, 401],
  'POST /api/analytics/inspections/pivot dn':  [200, 200, 404, 200, 404, 403, 403, 401],
  'POST /api/businesses gl':                   [201, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/businesses dn':                   [201, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/businesses/{id} gl':               [200, 200, 200, 404, 200, 403, 403, 401],
  'GET /api/businesses/{id} dn':               [200, 200, 404, 200, 404, 403, 403, 401],
  'PUT /api/businesses/{id} gl':               [200, 403, 403, 403, 403, 403, 403, 401],
  'PUT /api/businesses/{id} dn':               [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/businesses/{id}/status gl':       [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/businesses/{id}/status dn':       [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/businesses/import':               [200, 403, 403, 403, 403, 403, 403, 401], // validate only
  // inspections (routes_inspections.cpp, issue 17 §2–§6): inspections.read for the ministry,
  // province and commune officers, inspections.write for the inspection team and the
  // administrator, legal_refs.manage for the administrator. "gl": the Gia Lai team and plan (of
  // the province: out of xa.gialai's ward, 404) and a record of xa.gialai's ward; "dn": Đồng Nai's.
  'GET /api/violation-topics':                   [200, 200, 200, 200, 200, 403, 403, 401],
  'GET /api/legal-references':                   [200, 200, 200, 200, 200, 403, 403, 401],
  'GET /api/legal-references/resolve':           [200, 200, 200, 200, 200, 403, 403, 401],
  'POST /api/legal-references/import':           [200, 403, 403, 403, 403, 403, 403, 401], // validate only
  'GET /api/checklists':                         [200, 200, 200, 200, 200, 403, 403, 401],
  'GET /api/checklists/versions':                [200, 200, 200, 200, 200, 403, 403, 401],
  'POST /api/checklists':                        [201, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/inspection-teams':                   [200, 200, 200, 200, 200, 403, 403, 401],
  'POST /api/inspection-teams gl':               [201, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/inspection-teams dn':               [201, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/inspection-teams/{id} gl':           [200, 200, 200, 404, 404, 403, 403, 401],
  'GET /api/inspection-teams/{id} dn':           [200, 200, 404, 200, 404, 403, 403, 401],
  'PUT /api/inspection-teams/{id} gl':           [200, 403, 403, 403, 403, 403, 403, 401],
  'PUT /api/inspection-teams/{id} dn':           [200, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/inspection-plans':                   [200, 200, 200, 200, 200, 403, 403, 401],
  'POST /api/inspection-plans gl':               [201, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/inspection-plans dn':               [201, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/inspection-plans/{id} gl':           [200, 200, 200, 404, 404, 403, 403, 401],
  'GET /api/inspection-plans/{id} dn':           [200, 200, 404, 200, 404, 403, 403, 401],
  'PUT /api/inspection-plans/{id} gl':           [200, 403, 403, 403, 403, 403, 403, 401],
  'PUT /api/inspection-plans/{id} dn':           [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/inspection-plans/{id}/status gl':   [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/inspection-plans/{id}/status dn':   [200, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/inspections':                        [200, 200, 200, 200, 200, 403, 403, 401],
  'POST /api/inspections gl':                    [201, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/inspections dn':                    [201, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/inspections/due':                    [200, 200, 200, 200, 200, 403, 403, 401],
  'GET /api/inspections/{id} gl':                [200, 200, 200, 404, 200, 403, 403, 401],
  'GET /api/inspections/{id} dn':                [200, 200, 404, 200, 404, 403, 403, 401],
  'PUT /api/inspections/{id} gl':                [200, 403, 403, 403, 403, 403, 403, 401],
  'PUT /api/inspections/{id} dn':                [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/inspections/{id}/finalise gl':      [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/inspections/{id}/finalise dn':      [200, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/inspections/{id}/evidence gl':      [201, 403, 403, 403, 403, 403, 403, 401],
  'POST /api/inspections/{id}/evidence dn':      [201, 403, 403, 403, 403, 403, 403, 401],
  'GET /api/inspections/{id}/document gl':       [200, 200, 200, 404, 200, 403, 403, 401],
  'GET /api/inspections/{id}/document dn':       [200, 200, 404, 200, 404, 403, 403, 401],
  'GET /api/inspections/{id}/evidence/{attachmentId} gl': [200, 200, 200, 404, 200, 403, 403, 401],
  'GET /api/inspections/{id}/evidence/{attachmentId} dn': [200, 200, 404, 200, 404, 403, 403, 401],
  // commune classification (issue 18): read for every role but coquan; assess: the commune officer and
  // the province (a paper one on a commune's behalf); check and criteria: the province; a draft set is visible only to its managers
  'GET /api/classification/sets':                [200, 200, 200, 200, 200, 403, 200, 401],
  'GET /api/classification/sets/in-force':       [200, 200, 200, 404, 200, 403, 200, 401],
  'GET /api/classification/sets/{id}':           [200, 200, 200, 200, 200, 403, 200, 401],
  'POST /api/classification/sets gl':            [201, 403, 201, 403, 403, 403, 403, 401],
  'POST /api/classification/sets dn':            [201, 403, 403, 201, 403, 403, 403, 401],
  'PUT /api/classification/sets/{id} gl':        [200, 403, 200, 404, 403, 403, 403, 401],
  'PUT /api/classification/sets/{id} dn':        [200, 403, 404, 200, 403, 403, 403, 401],
  'POST /api/classification/sets/{id}/publish gl': [200, 403, 200, 404, 403, 403, 403, 401],
  'POST /api/classification/sets/{id}/publish dn': [200, 403, 404, 200, 403, 403, 403, 401],
  'DELETE /api/classification/sets/{id} gl':     [204, 403, 204, 404, 403, 403, 403, 401],
  'DELETE /api/classification/sets/{id} dn':     [204, 403, 404, 204, 403, 403, 403, 401],
  // money (issue 19, routes_allocations.cpp): reads need plans.read, writes money.allocate (the
  // administrator, province lead officers, commune officers); a decision belongs to its receiver: a
  // decision of the province is outside a commune officer's scope (404); a receiver outside the
  // caller's scope is a fault of the input (400 orgUnitCode)
  'GET /api/allocation-decisions':                [200, 200, 200, 200, 200, 200, 200, 401],
  'POST /api/allocation-decisions gl':            [201, 403, 201, 400, 400, 403, 403, 401],
  'POST /api/allocation-decisions dn':            [201, 403, 400, 201, 400, 403, 403, 401],
  'GET /api/allocation-decisions/{id} gl':        [200, 200, 200, 404, 404, 200, 200, 401],
  'GET /api/allocation-decisions/{id} dn':        [200, 200, 404, 200, 404, 404, 404, 401],
  'PUT /api/allocation-decisions/{id} gl':        [200, 403, 200, 404, 404, 403, 403, 401],
  'PUT /api/allocation-decisions/{id} dn':        [200, 403, 404, 200, 404, 403, 403, 401],
  'DELETE /api/allocation-decisions/{id} gl':     [204, 403, 204, 404, 404, 403, 403, 401],
  'DELETE /api/allocation-decisions/{id} dn':     [204, 403, 404, 204, 404, 403, 403, 401],
  'POST /api/allocation-decisions/{id}/issue gl': [200, 403, 200, 404, 404, 403, 403, 401],
  'POST /api/allocation-decisions/{id}/issue dn': [200, 403, 404, 200, 404, 403, 403, 401],
  'POST /api/allocation-decisions/{id}/amend gl': [201, 403, 201, 404, 404, 403, 403, 401],
  'POST /api/allocation-decisions/{id}/amend dn': [201, 403, 404, 201, 404, 403, 403, 401],
  'POST /api/allocation-decisions/{id}/attachments gl': [201, 403, 201, 404, 404, 403, 403, 401],
  'POST /api/allocation-decisions/{id}/attachments dn': [201, 403, 404, 201, 404, 403, 403, 401],
  'GET /api/allocation-decisions/{id}/attachments/{attachmentId} gl': [200, 200, 200, 404, 404, 200, 200, 401],
  'GET /api/allocation-decisions/{id}/attachments/{attachmentId} dn': [200, 200, 404, 200, 404, 404, 404, 401],
  'DELETE /api/allocation-decisions/{id}/attachments/{attachmentId} gl': [204, 403, 204, 404, 404, 403, 403, 401],
  'DELETE /api/allocation-decisions/{id}/attachments/{attachmentId} dn': [204, 403, 404, 204, 404, 403, 403, 401],
  'GET /api/money/warnings':                      [200, 200, 200, 200, 200, 200, 200, 401],
  'GET /api/classification/assessments':         [200, 200, 200, 200, 200, 403, 200, 401],
  'POST /api/classification/assessments gl':     [201, 403, 201, 403, 201, 403, 403, 401],
  'POST /api/classification/assessments dn':     [201, 403, 403, 201, 403, 403, 403, 401],
  'GET /api/classification/assessments/{id} gl': [200, 200, 200, 404, 200, 403, 200, 401],
  'GET /api/classification/assessments/{id} dn': [200, 200, 404, 200, 404, 403, 404, 401],
  'PUT /api/classification/assessments/{id} gl': [200, 403, 200, 404, 200, 403, 403, 401],
  'PUT /api/classification/assessments/{id} dn': [200, 403, 404, 200, 404, 403, 403, 401],
  'POST /api/classification/assessments/{id}/refresh-evidence gl': [200, 403, 200, 404, 200, 403, 403, 401],
  'POST /api/classification/assessments/{id}/refresh-evidence dn': [200, 403, 404, 200, 404, 403, 403, 401],
  'POST /api/classification/assessments/{id}/submit gl': [200, 403, 200, 404, 200, 403, 403, 401],
  'POST /api/classification/assessments/{id}/submit dn': [200, 403, 404, 200, 404, 403, 403, 401],
  'PUT /api/classification/assessments/{id}/check gl': [200, 403, 200, 404, 403, 403, 403, 401],
  'PUT /api/classification/assessments/{id}/check dn': [200, 403, 404, 200, 403, 403, 403, 401],
  'POST /api/classification/assessments/{id}/return gl': [200, 403, 200, 404, 403, 403, 403, 401],
  'POST /api/classification/assessments/{id}/return dn': [200, 403, 404, 200, 403, 403, 403, 401],
  'POST /api/classification/assessments/{id}/approve gl': [200, 403, 200, 404, 403, 403, 403, 401],
  'POST /api/classification/assessments/{id}/approve dn': [200, 403, 404, 200, 403, 403, 403, 401],
  'POST /api/classification/assessments/{id}/reopen gl': [200, 403, 200, 404, 403, 403, 403, 401],
  'POST /api/classification/assessments/{id}/reopen dn': [200, 403, 404, 200, 403, 403, 403, 401],
  'POST /api/classification/assessments/{id}/items/{criterionKey}/attachments gl': [201, 403, 201, 404, 201, 403, 403, 401],
  'POST /api/classification/assessments/{id}/items/{criterionKey}/attachments dn': [201, 403, 404, 201, 404, 403, 403, 401],
  'GET /api/classification/assessments/{id}/items/{criterionKey}/attachments/{attachmentId} gl': [200, 200, 200, 404, 200, 403, 200, 401],
  'GET /api/classification/assessments/{id}/items/{criterionKey}/attachments/{attachmentId} dn': [200, 200, 404, 200, 404, 403, 404, 401],
  'DELETE /api/classification/assessments/{id}/items/{criterionKey}/attachments/{attachmentId} gl': [204, 403, 204, 404, 204, 403, 403, 401],
  'DELETE /api/classification/assessments/{id}/items/{criterionKey}/attachments/{attachmentId} dn': [204, 403, 404, 204, 404, 403, 403, 401],
  'GET /api/classification/completeness':        [200, 200, 200, 404, 200, 403, 200, 401],
  'GET /api/classification/history':             [200, 200, 200, 404, 200, 403, 200, 401],
  // API tokens (issue 21, routes_tokens.cpp): every signed-in user lists its own; tokens.create
  // (admin, ministry, province) creates; revoke and uses: the owner or users.manage over the owner's
  // unit ("gl"/"dn": a token of target.gl / target.dn made by the admin), else 404.
  'GET /api/tokens':                          [200, 200, 200, 200, 200, 200, 200, 401],
  'POST /api/tokens':                         [201, 201, 201, 201, 403, 403, 403, 401],
  'POST /api/tokens/{id}/revoke gl':          [200, 404, 200, 404, 404, 404, 404, 401],
  'POST /api/tokens/{id}/revoke dn':          [200, 404, 404, 200, 404, 404, 404, 401],
  'GET /api/tokens/{id}/uses gl':             [200, 404, 200, 404, 404, 404, 404, 401],
  'GET /api/tokens/{id}/uses dn':             [200, 404, 404, 200, 404, 404, 404, 401],
};

// People supported × the case roles and the wall (police, inspection): every cases route, the
// "gl" record assigned to cm.gialai with gs.gialai supervising, the "dn" one to cm.dongnai.
const CASE_ROLES = ['cm.gialai', 'gs.gialai', 'cm.dongnai', 'congan.gialai', 'thanhtra.gialai'];
//                                                       cmGL gsGL cmDN police inspector
const CASE_TABLE = {
  'POST /api/cases/duplicates':                          [200, 200, 200, 403, 403],
  'GET /api/cases':                                      [200, 200, 200, 403, 403],
  'POST /api/cases gl':                                  [201, 201, 403, 403, 403],
  'POST /api/cases dn':                                  [403, 403, 201, 403, 403],
  'GET /api/cases/{id} gl':                              [200, 200, 404, 403, 403],
  'GET /api/cases/{id} dn':                              [404, 404, 200, 403, 403],
  'PUT /api/cases/{id} gl':                              [200, 200, 404, 403, 403],
  'PUT /api/cases/{id} dn':                              [404, 404, 200, 403, 403],
  'PUT /api/cases/{id}/identity gl':                     [200, 200, 404, 403, 403],
  'PUT /api/cases/{id}/identity dn':                     [404, 404, 200, 403, 403],
  'POST /api/cases/{id}/reveal gl':                      [200, 200, 404, 403, 403],
  'POST /api/cases/{id}/reveal dn':                      [404, 404, 200, 403, 403],
  'GET /api/cases/{id}/access-log gl':                   [200, 200, 404, 403, 403],
  'GET /api/cases/{id}/access-log dn':                   [404, 404, 200, 403, 403],
  'GET /api/cases/{id}/consents gl':                     [200, 200, 404, 403, 403],
  'GET /api/cases/{id}/consents dn':                     [404, 404, 200, 403, 403],
  'POST /api/cases/{id}/consents gl':                    [201, 201, 404, 403, 403],
  'POST /api/cases/{id}/consents dn':                    [404, 404, 201, 403, 403],
  'POST /api/cases/{id}/consents/{consentId}/withdraw gl': [201, 201, 404, 403, 403],
  'POST /api/cases/{id}/consents/{consentId}/withdraw dn': [404, 404, 201, 403, 403],
  // services and referrals: the case roles answer nothing of the receiving side; the wall refuses all
  'GET /api/case-services':                              [200, 200, 200, 403, 403],
  'GET /api/cases/{id}/services gl':                     [200, 200, 404, 403, 403],
  'GET /api/cases/{id}/services dn':                     [404, 404, 200, 403, 403],
  'POST /api/cases/{id}/services gl':                    [201, 201, 404, 403, 403],
  'POST /api/cases/{id}/services dn':                    [404, 404, 201, 403, 403],
  'GET /api/cases/{id}/referrals gl':                    [200, 200, 404, 403, 403],
  'GET /api/cases/{id}/referrals dn':                    [404, 404, 200, 403, 403],
  'POST /api/cases/{id}/referrals gl':                   [201, 201, 404, 403, 403],
  'POST /api/cases/{id}/referrals dn':                   [404, 404, 201, 403, 403],
  'GET /api/referrals/inbox':                            [403, 403, 403, 403, 403],
  'POST /api/referrals/{id}/accept':                     [403, 403, 403, 403, 403],
  'POST /api/referrals/{id}/reject':                     [403, 403, 403, 403, 403],
  'POST /api/referrals/{id}/done':                       [403, 403, 403, 403, 403],
  'POST /api/referrals/{id}/revoke gl':                  [200, 200, 404, 403, 403],
  'POST /api/referrals/{id}/revoke dn':                  [404, 404, 200, 403, 403],
  // case work: deciding (approve, return, closure approve/reject) needs cases.supervise (gs.gialai)
  'GET /api/cases/{id}/work gl':                         [200, 200, 404, 403, 403],
  'GET /api/cases/{id}/work dn':                         [404, 404, 200, 403, 403],
  'POST /api/cases/{id}/assessments gl':                 [201, 201, 404, 403, 403],
  'POST /api/cases/{id}/assessments dn':                 [404, 404, 201, 403, 403],
  'POST /api/cases/{id}/plans gl':                       [201, 201, 404, 403, 403],
  'POST /api/cases/{id}/plans dn':                       [404, 404, 201, 403, 403],
  'PUT /api/case-plans/{id} gl':                         [200, 200, 404, 403, 403],
  'PUT /api/case-plans/{id} dn':                         [404, 404, 200, 403, 403],
  'POST /api/case-plans/{id}/submit gl':                 [200, 200, 404, 403, 403],
  'POST /api/case-plans/{id}/submit dn':                 [404, 404, 200, 403, 403],
  'POST /api/case-plans/{id}/approve gl':                [403, 200, 403, 403, 403],
  'POST /api/case-plans/{id}/approve dn':                [403, 404, 403, 403, 403],
  'POST /api/case-plans/{id}/return gl':                 [403, 200, 403, 403, 403],
  'POST /api/case-plans/{id}/return dn':                 [403, 404, 403, 403, 403],
  'POST /api/cases/{id}/follow-ups gl':                  [201, 201, 404, 403, 403],
  'POST /api/cases/{id}/follow-ups dn':                  [404, 404, 201, 403, 403],
  'POST /api/case-follow-ups/{id}/done gl':              [200, 200, 404, 403, 403],
  'POST /api/case-follow-ups/{id}/done dn':              [404, 404, 200, 403, 403],
  'POST /api/case-follow-ups/{id}/cancel gl':            [200, 200, 404, 403, 403],
  'POST /api/case-follow-ups/{id}/cancel dn':            [404, 404, 200, 403, 403],
  'PUT /api/cases/{id}/outcome gl':                      [200, 200, 404, 403, 403],
  'PUT /api/cases/{id}/outcome dn':                      [404, 404, 200, 403, 403],
  'POST /api/cases/{id}/closure/request gl':             [201, 201, 404, 403, 403],
  'POST /api/cases/{id}/closure/request dn':             [404, 404, 201, 403, 403],
  'POST /api/cases/{id}/closure/approve gl':             [403, 200, 403, 403, 403],
  'POST /api/cases/{id}/closure/approve dn':             [403, 404, 403, 403, 403],
  'POST /api/cases/{id}/closure/reject gl':              [403, 200, 403, 403, 403],
  'POST /api/cases/{id}/closure/reject dn':              [403, 404, 403, 403, 403],
  'POST /api/cases/{id}/reopen gl':                      [200, 200, 404, 403, 403],
  'POST /api/cases/{id}/reopen dn':                      [404, 404, 200, 403, 403],
  'POST /api/analytics/cases/pivot gl':                  [200, 200, 404, 403, 403],
  'POST /api/analytics/cases/pivot dn':                  [404, 404, 200, 403, 403],
  // clubs and peer groups: in scope only (404 outside), the wall refuses all
  'GET /api/case-groups':                                [200, 200, 200, 403, 403],
  'POST /api/case-groups gl':                            [201, 201, 403, 403, 403],
  'POST /api/case-groups dn':                            [403, 403, 201, 403, 403],
  'GET /api/case-groups/{id} gl':                        [200, 200, 404, 403, 403],
  'GET /api/case-groups/{id} dn':                        [404, 404, 200, 403, 403],
  'PUT /api/case-groups/{id} gl':                        [200, 200, 404, 403, 403],
  'PUT /api/case-groups/{id} dn':                        [404, 404, 200, 403, 403],
  'POST /api/case-groups/{id}/members gl':               [201, 201, 404, 403, 403],
  'POST /api/case-groups/{id}/members dn':               [404, 404, 201, 403, 403],
  'POST /api/case-groups/{id}/members/{memberId}/end gl': [200, 200, 404, 403, 403],
  'POST /api/case-groups/{id}/members/{memberId}/end dn': [404, 404, 200, 403, 403],
  'GET /api/cases/{id}/groups gl':                       [200, 200, 404, 403, 403],
  'GET /api/cases/{id}/groups dn':                       [404, 404, 200, 403, 403],
  // the person's rights: the export in scope; anonymise and the search log for supervisors only
  'POST /api/cases/{id}/rights-export gl':               [200, 200, 404, 403, 403],
  'POST /api/cases/{id}/rights-export dn':               [404, 404, 200, 403, 403],
  'POST /api/cases/{id}/rights-export/xlsx gl':          [200, 200, 404, 403, 403],
  'POST /api/cases/{id}/rights-export/xlsx dn':          [404, 404, 200, 403, 403],
  'POST /api/cases/{id}/anonymise gl':                   [403, 200, 403, 403, 403],
  'POST /api/cases/{id}/anonymise dn':                   [403, 404, 403, 403, 403],
  'GET /api/case-search-log':                            [403, 200, 403, 403, 403],
};

const ERROR_CODE = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 400: 'validation_failed' };
const CSV_HEADER = 'code,name,full_name,kind,type_label,parent_code,valid_from,valid_to';
const MATRIX_PDF = new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'));
const IMPORT_HEADER = 'Mã hoạt động (tùy chọn),Tên hoạt động,Loại can thiệp (mã),Mã đơn vị hành chính,Cơ quan chủ trì (mã),' +
  'Ngày bắt đầu,Ngày kết thúc,Nhóm đối tượng (mã),Tổng số người,Nữ,Nam,Số buổi,Kinh phí (đồng),Nguồn kinh phí (mã),Ghi chú';
const importCsv = (key) => `${IMPORT_HEADER}\n${key},Tuyên truyền ma trận,community_sessions,21583,gl-soyte,10/03/2026,10/03/2026,sex_workers,30,20,10,1,1000000,commune_budget,\n`;
const VN_ROW = 'VN,Việt Nam,Nước Cộng hòa xã hội chủ nghĩa Việt Nam,central,Trung ương,,,';

describe(`access matrix ${KIND}`, () => {
  let server, admin;
  const S = {};      // role → session used for the matrix
  const spare = {};  // role → a second session, signed out by the logout row
  const ids = {};    // fixture ids

  before(async () => {
    server = await startServer();
    for (const r of ROLES.filter((x) => x !== 'anon')) S[r] = await login(server.base, r);
    admin = S.admin;
    for (const r of ROLES.filter((x) => x !== 'anon')) spare[r] = await login(server.base, r);
    S.anon = { get: (p) => http(server.base, 'GET', p), request: (m, p, b, o = {}) => http(server.base, m, p, { body: b, raw: o.raw, headers: o.headers }) };
    spare.anon = S.anon;

    const users = (await listAll(admin, '/api/users')).items;
    const idOf = (u) => users.find((x) => x.username === u).id;
    ids.userGL = idOf('xem.gialai');
    ids.userDN = idOf('tinh.dongnai');
    const mk = async (username, orgUnitCode) =>
      assertStatus(await admin.post('/api/users', { username, fullName: `Đích ${username}`, password: 'Target1234', orgUnitCode, orgUnitAsOf: todayVN(), roles: ['viewer'] }), 201).id;
    ids.targetGL = await mk('target.gl', '52');
    ids.targetDN = await mk('target.dn', '75');
    await mk('matrix.login', '52');
    const agencies = (await listAll(admin, '/api/agencies')).items;
    const agencyId = (name) => agencies.find((a) => a.name === name).id;
    ids.agencyGL = agencyId('Hội Liên hiệp Phụ nữ tỉnh Gia Lai');
    ids.agencyDN = agencyId('Hội Liên hiệp Phụ nữ tỉnh Đồng Nai');
    // directives and tasks: the demo's Gia Lai 2026 plan and Đồng Nai 2023 plan, one task and one attachment each
    const dirs = (await listAll(admin, '/api/directives')).items;
    ids.dirGL = dirs.find((d) => d.key === 'gialai-kh-2026').id;
    ids.dirDN = dirs.find((d) => d.key === 'dongnai-kh-2023').id;
    ids.taskGL = (await listAll(admin, `/api/tasks?directiveId=${ids.dirGL}`)).items.find((t) => t.code === '1').id;
    ids.taskDN = (await listAll(admin, `/api/tasks?directiveId=${ids.dirDN}`)).items.find((t) => t.code === 'VI.3').id;
    const byKey = (k) => agencies.find((a) => a.key === k).id;
    ids.dirAgencyGL = byKey('gl-soyte');
    ids.dirAgencyDN = byKey('dn-soyte');
    ids.dirLeadDN = byKey('dongnai-cu-soyte');
    // directives: one-off tasks whose deadline each allowed caller extends (task extensions, 0019)
    for (const v of ['gl', 'dn'])
      ids[`extTask_${v}`] = assertStatus(await admin.post('/api/tasks', { directiveId: v === 'dn' ? ids.dirDN : ids.dirGL,
        code: `GH.${v}`, title: 'Nhiệm vụ gia hạn ma trận', leadAgencyId: v === 'dn' ? ids.dirLeadDN : ids.dirAgencyGL,
        dueDate: '2027-01-01' }), 201).id;
    for (const v of ['gl', 'dn'])
      ids[`att_${v}`] = assertStatus(await admin.post(`/api/directives/${v === 'dn' ? ids.dirDN : ids.dirGL}/attachments?filename=ma-tran.pdf`,
        MATRIX_PDF, { raw: true }), 201).id;
    // programme review and plans: fixtures, and pools of plans in the state each workflow row
    // needs (a successful transition uses one up; build() takes the first still usable)
    ids.soyteGL = agencyId('Sở Y tế tỉnh Gia Lai');
    ids.soyteDN = agencyId('Sở Y tế tỉnh Đồng Nai');
    const progs = (await listAll(admin, '/api/programmes?year=2026')).items;
    ids.programmeGL = progs.find((p) => p.leadAgency.id === ids.soyteGL).id;
    ids.programmeDN = assertStatus(await admin.post('/api/programmes', { orgUnitCode: '75', year: 2026, name: 'Chương trình HIV/AIDS Đồng Nai',
      categoryCode: 'hiv_aids', leadAgencyId: ids.soyteDN }), 201).id;
    const plans = (await listAll(admin, '/api/plans?year=2026')).items;
    ids.planGL = plans.find((p) => p.agency.id === ids.soyteGL).id;
    await mk('coquan.dongnai.m', '75');
    const focalDN = (await listAll(admin, '/api/users?q=coquan.dongnai.m')).items[0];
    assertStatus(await admin.put(`/api/users/${focalDN.id}`, { fullName: focalDN.fullName, orgUnitCode: '75', agencyId: ids.soyteDN,
      roles: ['agency_focal_point'], active: true, version: focalDN.version }), 200);
    const focalDNSession = await login(server.base, 'coquan.dongnai.m', 'Target1234');
    // a new account changes its password before anything else (mustChangePassword)
    assertStatus(await focalDNSession.post('/api/me/password', { currentPassword: 'Target1234', newPassword: 'Target12345' }), 204);
    const authors = { gl: S['coquan.gialai'], dn: focalDNSession };
    const approvers = { gl: S['tinh.gialai'], dn: S['tinh.dongnai'] };
    let year = 2040;
    const plan = async (v, steps) => {
      const unit = v === 'dn' ? '75' : '52', agencyId = v === 'dn' ? ids.soyteDN : ids.soyteGL;
      const p = assertStatus(await authors[v].post('/api/plans', { orgUnitCode: unit, agencyId, year: ++year, title: `Kế hoạch ma trận ${year}` }), 201);
      if (steps >= 1) assertStatus(await authors[v].post(`/api/plans/${p.id}/submit`, {}), 200);
      if (steps >= 2) assertStatus(await approvers[v].post(`/api/plans/${p.id}/approve`, decision()), 200);
      return p.id;
    };
    ids.planDN = await plan('dn', 0);
    // the yearly evaluation: an approved plan per variant (the narrative is written at the version read)
    ids.evalPlan = { gl: await plan('gl', 2), dn: await plan('dn', 2) };
    ids.pool = {};
    for (const v of ['gl', 'dn']) {
      ids[`draft_${v}`] = await plan(v, 0);
      for (const [route, steps, n] of [['submit', 0, 4], ['approve', 1, 4], ['return', 1, 4], ['new-version', 2, 4]]) {
        ids.pool[`${route} ${v}`] = [];
        for (let i = 0; i < n; ++i) ids.pool[`${route} ${v}`].push(await plan(v, steps));
      }
    }
    // people supported: sessions of the case roles, a record per variant, pools of records with
    // statistics consent (withdraw rows) and without services consent (give rows)
    for (const r of CASE_ROLES) S[r] = await login(server.base, r);
    ids.caseUser = { gl: users.find((x) => x.username === 'cm.gialai').id, dn: users.find((x) => x.username === 'cm.dongnai').id,
      sup: users.find((x) => x.username === 'gs.gialai').id };
    ids.caseInput = (v, name) => ({ residenceUnitCode: v === 'dn' ? '25210' : '21583', residenceAsOf: todayVN(), birthYear: 1995,
      sex: 'female', targetGroups: ['sex_workers'], caseWorkerId: ids.caseUser[v], supervisorId: v === 'dn' ? null : ids.caseUser.sup,
      identity: { fullName: name } });
    const caseOf = async (v, name) => assertStatus(await S[v === 'dn' ? 'cm.dongnai' : 'cm.gialai'].post('/api/cases', ids.caseInput(v, name)), 201).id;
    ids.casePool = { withdraw: {}, give: {} };
    for (const v of ['gl', 'dn']) {
      ids[`case_${v}`] = await caseOf(v, `Người ma trận ${v}`);
      ids.casePool.withdraw[v] = [];
      ids.casePool.give[v] = [];
      for (let i = 0; i < 5; ++i) {
        const id = await caseOf(v, `Người rút ${v} ${i}`);
        assertStatus(await S[v === 'dn' ? 'cm.dongnai' : 'cm.gialai'].post(`/api/cases/${id}/consents`, { purpose: 'statistics' }), 201);
        ids.casePool.withdraw[v].push(id);
        ids.casePool.give[v].push(await caseOf(v, `Người đồng ý ${v} ${i}`));
      }
    }
    // services and referrals: the two matrix records consent to services and to referral to a
    // receiving agency of their province valid today (the kind it has); a referral for the
    // receiving-side rows
    const validToday = (a) => a.validFrom <= todayVN() && (!a.validTo || a.validTo >= todayVN());
    const dnReceiver = agencies.find((a) => a.orgUnit?.code === '75' && validToday(a));
    assert.ok(dnReceiver, 'an agency of Đồng Nai valid today');
    ids.caseAgency = { gl: ids.soyteGL, dn: dnReceiver.id };
    for (const v of ['gl', 'dn']) {
      for (const purpose of ['services', `referral:${agencies.find((a) => a.id === ids.caseAgency[v]).kind}`])
        assertStatus(await admin.post(`/api/cases/${ids[`case_${v}`]}/consents`, { purpose }), 201);
    }
    ids.referralBody = (v) => ({ agencyId: ids.caseAgency[v], reason: 'Ma trận quyền: chuyển gửi', shared: ['sex'], responseDays: 5 });
    ids.newReferral = async (v) => assertStatus(await admin.post(`/api/cases/${ids[`case_${v}`]}/referrals`, ids.referralBody(v)), 201);
    ids.referralGL = (await ids.newReferral('gl')).id;
    // records to anonymise (a success is final): 2 successes for gl, 1 for dn
    ids.anonPool = {};
    for (const v of ['gl', 'dn']) {
      ids.anonPool[v] = [];
      for (let i = 0; i < 3; ++i) ids.anonPool[v].push(await caseOf(v, `Người ẩn danh ${v} ${i}`));
    }
    for (const v of ['gl', 'dn']) for (let i = 0; i < 4; ++i) await ids.newReferral(v);  // for the revoke rows (3 successes for gl, 2 for dn)
    // clubs and peer groups: one per variant, and records that may join (a success adds one)
    ids.groupInput = (v, tag = '') => ({ orgUnitCode: v === 'dn' ? '25210' : '21583', orgUnitAsOf: todayVN(), name: `CLB ma trận ${v} ${tag}`.trim(),
      kind: 'club', foundedOn: '2026-01-01' });
    ids.memberPool = {};
    for (const v of ['gl', 'dn']) {
      ids[`group_${v}`] = assertStatus(await admin.post('/api/case-groups', ids.groupInput(v)), 201).id;
      ids.memberPool[v] = [];
      for (let i = 0; i < 5; ++i)
        ids.memberPool[v].push(assertStatus(await admin.get(`/api/cases/${await caseOf(v, `Người nhóm ${v} ${i}`)}`), 200).code);
    }
    // a record of the pool that is not a current member of the variant's group
    ids.freeMember = async (v) => {
      const g = assertStatus(await admin.get(`/api/case-groups/${ids[`group_${v}`]}`), 200);
      const code = ids.memberPool[v].find((c) => !g.members.some((m) => m.current && m.code === c));
      assert.ok(code, `pool of ${v} group members exhausted`);
      return code;
    };
    // a notification of coquan.gialai: its plans approved by the province
    ids.notifGL = assertStatus(await S['coquan.gialai'].get('/api/notifications'), 200).items.find((n) => n.kind === 'plan_approved').id;
    ids.nextYear = 2070;
    // activities, imports and surveys: one activity per variant for reads and edits, pools for
    // the deletes (each success uses one up), admin's imports (one ready pool for the commit row)
    const soyteKeyGL = agencies.find((a) => a.id === ids.soyteGL).key, soyteKeyDN = agencies.find((a) => a.id === ids.soyteDN).key;
    assert.ok(soyteKeyGL && soyteKeyDN);
    ids.activityInput = (v, title) => ({
      title, interventionTypeCode: 'community_sessions', orgUnitCode: v === 'dn' ? '75' : '21583',
      leadAgencyId: v === 'dn' ? ids.soyteDN : ids.soyteGL, startDate: '2026-03-10', endDate: '2026-03-10',
      reach: [{ targetGroup: 'sex_workers', total: 30, female: 20, male: 10 }],
      outputs: [{ kind: 'sessions', quantity: 1 }], costs: [{ fundingSource: 'commune_budget', amount: 1000000 }], note: '',
    });
    const activity = async (v, title) => assertStatus(await admin.post('/api/activities', ids.activityInput(v, title)), 201).id;
    ids.actPool = {};
    for (const v of ['gl', 'dn']) {
      ids[`act_${v}`] = await activity(v, `Hoạt động ma trận ${v}`);
      ids.actPool[v] = [];
      for (let i = 0; i < (v === 'gl' ? 5 : 3); ++i) ids.actPool[v].push(await activity(v, `Hoạt động xóa ${v} ${i}`));
    }
    const upload = async (key) => assertStatus(await admin.post(`/api/activity-imports?filename=${key}.csv`,
      new Uint8Array(Buffer.from(importCsv(key))), { raw: true, headers: { 'content-type': 'application/octet-stream' } }), 202).id;
    const settled = async (id) => {
      for (let i = 0; i < 400; ++i) {
        const j = assertStatus(await admin.get(`/api/activity-imports/${id}`), 200);
        if (j.status !== 'validating' && j.status !== 'committing') return j;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`import ${id} did not settle`);
    };
    ids.importGet = await upload('matrix-read');
    ids.importPool = [];
    for (let i = 0; i < 3; ++i) {
      const id = await upload(`matrix-commit-${i}`);
      assert.equal((await settled(id)).status, 'ready', `import ${id} is ready`);
      ids.importPool.push(id);
    }
    ids.settled = settled;
    ids.survPool = {};
    const groups = ['students', 'migrant_workers', 'rural_workers', 'poor_youth', 'gbv_victims'];
    for (const v of ['gl', 'dn']) {
      ids.survPool[v] = [];
      for (const tg of groups.slice(0, v === 'gl' ? 4 : 3))
        ids.survPool[v].push(assertStatus(await admin.put('/api/surveys', { orgUnitCode: v === 'dn' ? '75' : '21583', year: 2026, half: 0,
          targetGroup: tg, count: 10, surveyDate: '2026-06-01', note: '' }), 200).id);
    }
    // periodic reports: reads on the current six-monthly period; a draft per variant for the PUT
    // row, and pools of reports in the state each transition needs, one future half-year each
    // (a report is unique per form, period and unit), filled and submitted by the province itself
    ids.repPeriod = assertStatus(await S['tinh.gialai'].get('/api/report-periods?form=bc_6thang'), 200).current;
    assert.ok(ids.repPeriod);
    const owners = { gl: S['tinh.gialai'], dn: S['tinh.dongnai'] };
    let half = 0;
    const report = async (v, steps) => {
      const period = `${2030 + Math.floor(half / 2)}-H${(half % 2) + 1}`;
      ++half;
      const unit = v === 'dn' ? '75' : '52';
      const r = assertStatus(await owners[v].put('/api/reports', { form: 'bc_6thang', period, orgUnitCode: unit,
        values: { results: `Báo cáo ma trận ${period}` } }), 200);
      assert.equal(r.orgUnit.code, unit);
      if (steps >= 1) assertStatus(await owners[v].post(`/api/reports/${r.id}/submit`, { confirmMissing: true }), 200);
      if (steps >= 2) assertStatus(await S.bo.post(`/api/reports/${r.id}/accept`, {}), 200);
      return { id: r.id, period, unit };
    };
    ids.repDraft = {};
    ids.repPool = {};
    for (const v of ['gl', 'dn']) {
      ids.repDraft[v] = await report(v, 0);
      for (const [route, steps, n] of [['submit', 0, 2], ['accept', 1, 3], ['return', 1, 3], ['reopen', 2, 3]]) {
        ids.repPool[`${route} ${v}`] = [];
        for (let i = 0; i < n; ++i) ids.repPool[`${route} ${v}`].push(await report(v, steps));
      }
    }
    // ad-hoc requests: a pool of open ones per variant, issued by the province to one unit below
    // (Gia Lai asks Phường Quy Nhơn, xa.gialai's ward)
    const today = todayVN();
    ids.reqPool = {};
    for (const v of ['gl', 'dn']) {
      ids.reqPool[v] = [];
      const unitCodes = v === 'gl' ? ['21583'] : [assertStatus(await admin.get('/api/org-units?parent=75'), 200).items[0].code];
      for (let i = 0; i < 3; ++i)
        ids.reqPool[v].push(assertStatus(await owners[v].post('/api/report-requests', { form: 'bc_6thang',
          title: `Yêu cầu ma trận ${v} ${i}`, from: '2026-01-01', to: '2026-06-30', deadline: today, unitCodes }), 201).id);
    }
    // the service business registry (issue 17)
    ids.bizInput = (v, name) => ({ typeCode: 'karaoke', name, address: '1 Ma Trận', communeCode: v === 'dn' ? '25210' : '21583',
      communeAsOf: todayVN(), workersFemale: 1, workersMale: 1 });
    for (const v of ['gl', 'dn'])
      ids[`biz_${v}`] = assertStatus(await admin.post('/api/businesses', ids.bizInput(v, `Cơ sở ma trận ${v}`)), 201).id;
    // inspections (issue 17 §2–§6): a team, a plan, a draft record with an evidence file per variant
    ids.teamInput = (v, name) => ({ orgUnitCode: v === 'dn' ? '75' : '52', name, members: [{ fullName: 'Thành viên ma trận' }] });
    ids.planInput = (v, title) => ({ teamId: ids[`team_${v}`], year: 2026, title, legalBasis: 'KH ma trận', mode: 'mixed', typeCodes: [], businessIds: [] });
    ids.inspInput = (v) => ({ businessId: ids[`biz_${v}`], teamId: ids[`team_${v}`], inspectedOn: '2026-05-05', startedAt: '2026-05-05T20:00',
      signature: 'signed' });
    for (const v of ['gl', 'dn']) {
      ids[`team_${v}`] = assertStatus(await admin.post('/api/inspection-teams', ids.teamInput(v, `Đội ma trận ${v}`)), 201).id;
      ids[`plan_${v}`] = assertStatus(await admin.post('/api/inspection-plans', ids.planInput(v, `Kế hoạch ma trận ${v}`)), 201).id;
      ids[`insp_${v}`] = assertStatus(await admin.post('/api/inspections', ids.inspInput(v)), 201).id;
      ids[`ev_${v}`] = assertStatus(await admin.post(`/api/inspections/${ids[`insp_${v}`]}/evidence?filename=a.pdf`, MATRIX_PDF, { raw: true }), 201).id;
      // pools for the one-way moves (a draft plan to activate, a signed draft record to finalise)
      ids[`planPool_${v}`] = [];
      ids[`finalPool_${v}`] = [];
      for (let i = 0; i < 4; ++i) {
        ids[`planPool_${v}`].push(assertStatus(await admin.post('/api/inspection-plans', ids.planInput(v, `Kế hoạch trạng thái ${v} ${i}`)), 201).id);
        ids[`finalPool_${v}`].push(assertStatus(await admin.post('/api/inspections', ids.inspInput(v)), 201).id);
      }
    }
    // commune classification (issue 18): assessments at every stage per variant (pools for the one-way moves)
    {
      // whoever submits may not check, return or approve (the second person): a nationwide
      // officer submits the pools, so every role's check/return/approve row is about its rights
      assertStatus(await admin.post('/api/users', { username: 'clf.submitter', fullName: 'Người gửi phiếu ma trận', password: 'Target1234',
        orgUnitCode: 'VN', orgUnitAsOf: todayVN(), roles: ['province_lead_officer'] }), 201);
      const submitter = await login(server.base, 'clf.submitter', 'Target1234');
      assertStatus(await submitter.post('/api/me/password', { currentPassword: 'Target1234', newPassword: 'Target12345' }), 204);
      const clfFull = async (id) => {
        const a = assertStatus(await admin.get(`/api/classification/assessments/${id}`), 200);
        const items = a.items.map((i) => {
          const score = i.kind === 'points' ? i.maxPoints : 1;
          return { criterionKey: i.criterionKey, selfScore: score, selfNote: i.suggestedScore !== null && i.suggestedScore !== score ? 'Ma trận' : '' };
        });
        return assertStatus(await admin.put(`/api/classification/assessments/${id}`, { version: a.version, items }), 200);
      };
      const clfMake = async (communeCode, year, stage) => {
        let a = assertStatus(await admin.post('/api/classification/assessments', { communeCode, year }), 201);
        if (stage === 'empty') return a.id;
        a = await clfFull(a.id);
        if (stage === 'draft') return a.id;
        a = assertStatus(await submitter.post(`/api/classification/assessments/${a.id}/submit`, { version: a.version }), 200);
        if (stage === 'submitted') return a.id;
        const items = a.items.map((i) => ({ criterionKey: i.criterionKey, checkScore: i.selfScore, checkComment: '' }));
        a = assertStatus(await admin.put(`/api/classification/assessments/${a.id}/check`, { version: a.version, items }), 200);
        if (stage === 'checked') return a.id;
        a = assertStatus(await admin.post(`/api/classification/assessments/${a.id}/approve`, { version: a.version }), 200);
        return a.id;
      };
      // pools of 3 for the one-way moves (two roles succeed, the roles after them still need one).
      // Gia Lai: 21583, its old units (in xa.gialai's scope) and communes without a demo 2026 assessment
      const many = async (list, stage) => { const out = []; for (const [c, y] of list) out.push(await clfMake(c, y, stage)); return out; };
      ids.clf_gl = await clfMake('21556', 2023, 'empty');
      ids.clfSubmit_gl = await many([['21583', 2021], ['21583', 2022], ['21583', 2023], ['21580', 2022]], 'draft');
      ids.clfCheck_gl = await clfMake('21601', 2026, 'submitted');
      ids.clfReturn_gl = await many([['21607', 2026], ['21637', 2026], ['21562', 2023]], 'submitted');
      ids.clfApprove_gl = await many([['21640', 2026], ['21994', 2026], ['21580', 2023]], 'checked');
      ids.clfReopen_gl = await many([['21997', 2026], ['22006', 2026], ['21556', 2022]], 'approved');
      ids.clf_dn = await clfMake('25195', 2026, 'empty');
      ids.clfSubmit_dn = await many([['26017', 2026], ['26017', 2025], ['26041', 2025]], 'draft');
      ids.clfCheck_dn = await clfMake('26041', 2026, 'submitted');
      ids.clfReturn_dn = await many([['26068', 2026], ['26068', 2025], ['26104', 2025]], 'submitted');
      ids.clfApprove_dn = await many([['26080', 2026], ['26080', 2025], ['26116', 2025]], 'checked');
      ids.clfReopen_dn = await many([['26104', 2026], ['26116', 2026], ['26119', 2026]], 'approved');
      ids.clfDef = assertStatus(await admin.get('/api/classification/sets/1'), 200).definition;
      let day = 0;  // distinct one-day validities: the published ones never overlap
      const clfSet = async (v) => {
        const d = new Date(Date.UTC(2101, 0, 1 + day++)).toISOString().slice(0, 10);
        return assertStatus(await admin.post('/api/classification/sets', { ownerUnitCode: v === 'dn' ? '75' : '52', title: `Ma trận ${v}`,
          validFrom: d, validTo: d, definition: ids.clfDef }), 201).id;
      };
      for (const v of ['gl', 'dn']) {
        ids[`clfAtt_${v}`] = assertStatus(await admin.post(`/api/classification/assessments/${ids[`clf_${v}`]}/items/B1/attachments?filename=a.pdf`,
          MATRIX_PDF, { raw: true }), 201).id;
        ids[`clfAttPool_${v}`] = [];
        for (let i = 0; i < 4; ++i)
          ids[`clfAttPool_${v}`].push(assertStatus(await admin.post(`/api/classification/assessments/${ids[`clf_${v}`]}/items/B2/attachments?filename=x.pdf`,
            MATRIX_PDF, { raw: true }), 201).id);
        ids[`clfDraft_${v}`] = await clfSet(v);
        ids[`clfPublish_${v}`] = [await clfSet(v), await clfSet(v), await clfSet(v)];
        ids[`clfDelete_${v}`] = [await clfSet(v), await clfSet(v), await clfSet(v)];
      }
    }
    // money (issue 19): per variant a draft decision (read, edit, files), an issued one (amend),
    // pools of drafts to delete and issue, files to remove
    ids.allocBody = (v, tag) => ({ orgUnitCode: v === 'dn' ? '75' : '52', year: Number(todayVN().slice(0, 4)), issuingBody: 'UBND tỉnh',
      number: `${tag}/QĐ`, decisionDate: todayVN(), note: 'Ma trận', lines: [{ fundingSource: 'provincial_budget', amount: 1000000 }] });
    {
      const alloc = async (v, issued = false) => {
        const d = assertStatus(await admin.post('/api/allocation-decisions', ids.allocBody(v, uniq(`m${v}`))), 201);
        if (issued) assertStatus(await admin.post(`/api/allocation-decisions/${d.id}/issue`, { version: d.version }), 200);
        return d.id;
      };
      for (const v of ['gl', 'dn']) {
        ids[`alloc_${v}`] = await alloc(v);
        ids[`allocIssued_${v}`] = await alloc(v, true);
        ids[`allocDelete_${v}`] = [await alloc(v), await alloc(v), await alloc(v)];
        ids[`allocIssue_${v}`] = [await alloc(v), await alloc(v), await alloc(v)];
        ids[`allocAtt_${v}`] = assertStatus(await admin.post(`/api/allocation-decisions/${ids[`alloc_${v}`]}/attachments?filename=qd.pdf`,
          MATRIX_PDF, { raw: true }), 201).id;
        ids[`allocAttPool_${v}`] = [];
        for (let i = 0; i < 4; ++i)
          ids[`allocAttPool_${v}`].push(assertStatus(await admin.post(`/api/allocation-decisions/${ids[`alloc_${v}`]}/attachments?filename=x.pdf`,
            MATRIX_PDF, { raw: true }), 201).id);
      }
    }
    // API tokens (issue 21): one of target.gl and one of target.dn, made by the admin
    for (const v of ['gl', 'dn'])
      ids[`token_${v}`] = assertStatus(await admin.post('/api/tokens', { name: `Ma trận ${v}`, userId: v === 'dn' ? ids.targetDN : ids.targetGL,
        days: 30, permissions: ['hierarchy.read'] }), 201).id;
  });
  after(async () => { await server?.stop(); });

  const variantOf = (key) => (key.endsWith(' gl') ? 'gl' : key.endsWith(' dn') ? 'dn' : null);
  const routeOf = (key) => key.replace(/ (gl|dn)$/, '');

  // Builds the request for one table row and role: {client, method, path, body, raw}.
  async function build(key, role, { spareForLogout = true } = {}) {
    const v = variantOf(key);
    const [method, pattern] = routeOf(key).split(' ');
    const unit = v === 'dn' ? '75' : '52';
    const client = key === 'POST /api/auth/logout' && spareForLogout ? spare[role] : S[role];
    const tag = `${role.replace(/[^a-z]/g, '')}.${v || 'x'}.${uniq('')}`;
    let path = pattern, body, raw = false;
    switch (routeOf(key)) {
      case 'POST /api/auth/login': body = { username: 'matrix.login', password: 'Target1234' }; break;
      case 'POST /api/auth/logout': break;
      case 'POST /api/me/password': body = { currentPassword: 'Wrong0000x', newPassword: 'Another1234' }; break;
      case 'PUT /api/me/signer': body = { signerTitle: 12, signerName: 'Nguyễn Văn A' }; break;
      case 'POST /api/system/mail/test': body = { to: 'thu.thu@example.vn' }; break;
      case 'PUT /api/me/mail': body = { emailNotifications: true, language: 'vi' }; break;
      case 'GET /api/interop/dhis2/dataValueSets': case 'GET /api/interop/dhis2/preview':
        path += `?form=bc_6thang&period=2025-H1&orgUnit=${unit}`;
        break;
      case 'POST /api/interop/dhis2/exports': body = { form: 'bc_6thang', period: '2025-H1', orgUnit: unit }; break;
      case 'POST /api/interop/dhis2/mappings/elements': body = { form: 'bc_6thang', elementCode: 'reached_total', dataElement: 'NOT A CODE' }; break;
      case 'PUT /api/interop/dhis2/mappings/elements/{id}':
        path = pattern.replace('{id}', '1');
        body = { form: 'bc_6thang', elementCode: 'reached_total', dataElement: 'NOT A CODE', version: 1 };
        break;
      case 'DELETE /api/interop/dhis2/mappings/elements/{id}': path = pattern.replace('{id}', '1') + '?version=999'; break;
      case 'POST /api/interop/dhis2/mappings/org-units': body = { orgUnitCode: '75', dhis2OrgUnit: 'NOT A CODE' }; break;
      case 'PUT /api/interop/dhis2/mappings/org-units/{id}':
        path = pattern.replace('{id}', '999999');
        body = { orgUnitCode: '75', dhis2OrgUnit: 'VN_75', version: 1 };
        break;
      case 'DELETE /api/interop/dhis2/mappings/org-units/{id}': path = pattern.replace('{id}', '999999') + '?version=1'; break;
      case 'PUT /api/interop/dhis2/mappings/datasets/{form}':
        path = pattern.replace('{form}', 'bc_6thang');
        body = { dataSet: 'LG_BC_6THANG', version: 999 };
        break;
      case 'PUT /api/interop/dhis2/settings': body = { baseUrl: 'http://127.0.0.1:9', version: 999 }; break;
      case 'POST /api/setup': body = { username: `setup.${tag}`, password: 'Setup1234', fullName: 'Setup' }; break;
      case 'POST /api/org-units/import': body = `${CSV_HEADER}\n${VN_ROW}\n`; raw = true; path += '?format=csv'; break;
      case 'GET /api/org-units/{code}': path = `/api/org-units/${unit}`; break;
      case 'GET /api/classification/evidence': path = '/api/classification/evidence?commune=21583&year=2025'; break;
      case 'GET /api/boundaries': path += '?level=province'; break;
      case 'POST /api/boundaries':
        path += '?level=province';
        raw = true;
        body = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '52' },
          geometry: { type: 'Polygon', coordinates: [[[108, 14], [109, 14], [109, 15], [108, 14]]] } }] });
        break;
      case 'GET /api/agencies/{id}': path = `/api/agencies/${v === 'dn' ? ids.agencyDN : ids.agencyGL}`; break;
      case 'POST /api/agencies':
        body = { name: `Cơ quan thử ${tag}`, shortName: 'CQ thử', kind: 'so', orgUnitCode: unit, orgUnitAsOf: todayVN() };
        break;
      case 'PUT /api/agencies/{id}': {
        const id = v === 'dn' ? ids.agencyDN : ids.agencyGL;
        const cur = assertStatus(await admin.get(`/api/agencies/${id}`), 200);
        path = `/api/agencies/${id}`;
        body = { name: cur.name, shortName: `${cur.shortName.split(' #')[0]} #${tag}`, kind: cur.kind, orgUnitCode: unit,
          validFrom: cur.validFrom, validTo: cur.validTo, version: cur.version };
        break;
      }
      case 'POST /api/users':
        body = { username: `m.${tag}`, fullName: `Người ${tag}`, password: 'Matrix1234', orgUnitCode: unit, orgUnitAsOf: todayVN(), roles: ['viewer'] };
        break;
      case 'GET /api/users/{id}': path = `/api/users/${v === 'dn' ? ids.userDN : ids.userGL}`; break;
      case 'PUT /api/users/{id}': {
        const id = v === 'dn' ? ids.targetDN : ids.targetGL;
        const cur = assertStatus(await admin.get(`/api/users/${id}`), 200);
        path = `/api/users/${id}`;
        body = { fullName: `Đích ${tag}`, email: cur.email, orgUnitCode: unit, roles: ['viewer'], active: true, version: cur.version };
        break;
      }
      case 'POST /api/users/{id}/reset-password':
        path = `/api/users/${v === 'dn' ? ids.targetDN : ids.targetGL}/reset-password`;
        body = { newPassword: 'Reset12345' };
        break;
      case 'GET /api/taxonomies/{kind}': path = '/api/taxonomies/target-groups'; break;
      case 'PUT /api/taxonomies/{kind}/{code}':
        path = '/api/taxonomies/funding-sources/matrix_source';
        body = { nameVi: `Nguồn thử ${tag}`, nameEn: 'Matrix source', sortOrder: 99 };
        break;
      case 'POST /api/programmes':
        body = { orgUnitCode: unit, year: 2027, name: `Chương trình thử ${tag}`, categoryCode: 'hiv_aids',
          leadAgencyId: v === 'dn' ? ids.soyteDN : ids.soyteGL };
        break;
      case 'GET /api/programmes/{id}': path = `/api/programmes/${v === 'dn' ? ids.programmeDN : ids.programmeGL}`; break;
      case 'PUT /api/programmes/{id}': {
        const id = v === 'dn' ? ids.programmeDN : ids.programmeGL;
        const cur = assertStatus(await admin.get(`/api/programmes/${id}`), 200);
        path = `/api/programmes/${id}`;
        body = { orgUnitCode: cur.orgUnit.code, orgUnitAsOf: cur.orgUnit.validFrom, year: cur.year, name: cur.name,
          categoryCode: cur.category.code, leadAgencyId: cur.leadAgency.id, targetGroups: cur.targetGroups,
          interventionTypes: cur.interventionTypes, interventionsNote: cur.interventionsNote, budget: cur.budget,
          potential: cur.potential, note: `#${tag}`, version: cur.version };
        break;
      }
      case 'POST /api/plans':
        body = { orgUnitCode: unit, agencyId: v === 'dn' ? ids.soyteDN : ids.soyteGL, year: ++ids.nextYear, title: `Kế hoạch thử ${tag}` };
        break;
      case 'GET /api/plans/{id}':
      case 'GET /api/plans/{id}/history':
      case 'GET /api/plans/{id}/versions':
      case 'GET /api/plans/{id}/export.xlsx':
        path = pattern.replace('{id}', v === 'dn' ? ids.planDN : ids.planGL);
        break;
      case 'GET /api/plans/{id}/evaluation':
      case 'GET /api/plans/{id}/evaluation/document':
        path = pattern.replace('{id}', ids.evalPlan[v]) + (pattern.endsWith('/document') ? '?format=docx' : '');
        break;
      case 'PUT /api/plans/{id}/evaluation': {
        const cur = assertStatus(await admin.get(`/api/plans/${ids.evalPlan[v]}/evaluation`), 200);
        path = pattern.replace('{id}', ids.evalPlan[v]);
        body = { results: `Đánh giá ${tag}`, version: cur.narrative.version };
        break;
      }
      case 'PUT /api/plans/{id}/decision': {
        const cur = assertStatus(await admin.get(`/api/plans/${ids.evalPlan[v]}`), 200);
        path = pattern.replace('{id}', ids.evalPlan[v]);
        body = { ...decision({ decisionNumber: `${tag.slice(0, 20)}/QĐ-UBND` }), version: cur.version };
        break;
      }
      case 'PUT /api/plans/{id}': {
        const id = ids[`draft_${v}`];
        const cur = assertStatus(await admin.get(`/api/plans/${id}`), 200);
        path = `/api/plans/${id}`;
        body = { title: `Kế hoạch sửa ${tag}`, version: cur.version };
        break;
      }
      case 'POST /api/plans/{id}/submit':
      case 'POST /api/plans/{id}/approve':
      case 'POST /api/plans/{id}/return':
      case 'POST /api/plans/{id}/new-version': {
        const action = pattern.split('/').pop();
        const want = { submit: 'draft', approve: 'submitted', return: 'submitted', 'new-version': 'approved' }[action];
        const pool = ids.pool[`${action} ${v}`];
        for (;;) {
          assert.ok(pool.length, `pool of ${action} ${v} plans exhausted`);
          const cur = assertStatus(await admin.get(`/api/plans/${pool[0]}`), 200);
          if (cur.status === want && cur.latest) break;
          pool.shift();
        }
        path = `/api/plans/${pool[0]}/${action}`;
        body = action === 'return' ? { comment: `Trả lại ${tag}` } : action === 'approve' ? decision() : {};
        break;
      }
      case 'POST /api/directives':
        body = { number: `${tag}/KH`, kind: 'ke_hoach', subject: 'Văn bản ma trận', issueDate: '2026-02-01', orgUnitCode: unit };
        break;
      case 'GET /api/directives/{id}': path = `/api/directives/${v === 'dn' ? ids.dirDN : ids.dirGL}`; break;
      case 'PUT /api/directives/{id}': {
        const id = v === 'dn' ? ids.dirDN : ids.dirGL;
        const cur = assertStatus(await admin.get(`/api/directives/${id}`), 200);
        path = `/api/directives/${id}`;
        body = { number: cur.number, kind: cur.kind, subject: `${cur.subject.split(' #')[0]} #${tag}`, issueDate: cur.issueDate,
          orgUnitCode: unit, issuingAgencyId: cur.issuingAgency?.id ?? null, recipientAgencyIds: cur.recipients.agencies.map((a) => a.id),
          recipientLines: cur.recipients.lines, implementsId: cur.implements?.id ?? null, version: cur.version };
        break;
      }
      case 'POST /api/directives/{id}/attachments':
        path = `/api/directives/${v === 'dn' ? ids.dirDN : ids.dirGL}/attachments?filename=ma-tran.pdf`;
        body = MATRIX_PDF; raw = true;
        break;
      case 'GET /api/attachments/{id}': path = `/api/attachments/${ids[`att_${v}`]}`; break;
      case 'POST /api/tasks':
        body = { directiveId: v === 'dn' ? ids.dirDN : ids.dirGL, code: `M.${tag}`, title: 'Nhiệm vụ ma trận',
          leadAgencyId: v === 'dn' ? ids.dirLeadDN : ids.dirAgencyGL };
        break;
      case 'GET /api/tasks/board': path = `/api/tasks/board?agencyId=${v === 'dn' ? ids.dirAgencyDN : ids.dirAgencyGL}`; break;
      case 'GET /api/tasks/overview': path = `/api/tasks/overview?orgUnit=${unit}`; break;
      case 'GET /api/tasks/{id}': path = `/api/tasks/${v === 'dn' ? ids.taskDN : ids.taskGL}`; break;
      case 'PUT /api/tasks/{id}': {
        const id = v === 'dn' ? ids.taskDN : ids.taskGL;
        const cur = assertStatus(await admin.get(`/api/tasks/${id}`), 200);
        path = `/api/tasks/${id}`;
        body = { code: cur.code, title: `${cur.title.split(' #')[0]} #${tag}`, leadAgencyId: cur.leadAgency.id,
          coAgencyIds: cur.coAgencies.map((a) => a.id), ...cur.deadline, status: cur.status, version: cur.version };
        break;
      }
      case 'POST /api/tasks/{id}/extensions': {  // directives: one day after the current due date
        const cur = assertStatus(await admin.get(`/api/tasks/${ids[`extTask_${v}`]}`), 200);
        const next = new Date(`${cur.deadline.dueDate}T00:00:00Z`);
        next.setUTCDate(next.getUTCDate() + 1);
        path = `/api/tasks/${cur.id}/extensions`;
        body = { newDueDate: next.toISOString().slice(0, 10), reason: `Gia hạn ma trận ${tag}`, version: cur.version };
        break;
      }
      case 'POST /api/tasks/{id}/progress':
        path = `/api/tasks/${v === 'dn' ? ids.taskDN : ids.taskGL}/progress`;
        body = { note: `Cập nhật ma trận ${tag}` };
        break;
      case 'POST /api/activities':
        body = ids.activityInput(v, `Hoạt động thử ${tag}`);
        break;
      case 'GET /api/activities/{id}': path = `/api/activities/${ids[`act_${v}`]}`; break;
      case 'PUT /api/activities/{id}': {
        const id = ids[`act_${v}`];
        const cur = assertStatus(await admin.get(`/api/activities/${id}`), 200);
        path = `/api/activities/${id}`;
        body = { ...ids.activityInput(v, `Hoạt động sửa ${tag}`), version: cur.version };
        break;
      }
      case 'DELETE /api/activities/{id}': {
        const pool = ids.actPool[v];
        for (;;) {
          assert.ok(pool.length, `pool of ${v} activities exhausted`);
          const cur = await admin.get(`/api/activities/${pool[0]}`);
          if (cur.status === 200) { path = `/api/activities/${pool[0]}?version=${cur.body.version}`; break; }
          pool.shift();
        }
        break;
      }
      case 'POST /api/activities/{id}/attachments':
        path = `/api/activities/${ids[`act_${v}`]}/attachments?filename=bang-chung.pdf`;
        body = MATRIX_PDF; raw = true;
        break;
      case 'POST /api/activity-imports':
        path = `/api/activity-imports?filename=${tag}.csv`;
        body = new Uint8Array(Buffer.from(importCsv(tag))); raw = true;
        break;
      case 'GET /api/activity-imports/{id}': path = `/api/activity-imports/${ids.importGet}`; break;
      case 'POST /api/activity-imports/{id}/commit': {
        const pool = ids.importPool;
        for (;;) {
          assert.ok(pool.length, 'pool of ready imports exhausted');
          if ((await ids.settled(pool[0])).status === 'ready') break;
          pool.shift();
        }
        path = `/api/activity-imports/${pool[0]}/commit`;
        body = {};
        break;
      }
      case 'PUT /api/surveys':
        body = { orgUnitCode: v === 'dn' ? '75' : '21583', year: 2026, half: 0, targetGroup: 'sex_workers',
          count: 40, female: 25, male: 15, surveyDate: '2026-06-01', note: `Rà soát ${tag}` };
        break;
      case 'DELETE /api/surveys/{id}': {
        const pool = ids.survPool[v];
        for (;;) {
          assert.ok(pool.length, `pool of ${v} surveys exhausted`);
          const unit = v === 'dn' ? '75' : '21583';
          const cur = (await listAll(admin, `/api/surveys?orgUnit=${unit}&year=2026`)).items.find((x) => x.id === pool[0]);
          if (cur) { path = `/api/surveys/${pool[0]}?version=${cur.version}`; break; }
          pool.shift();
        }
        break;
      }
      case 'GET /api/indicators/results':
      case 'GET /api/indicators/scorecard':
        path = `${pattern}?orgUnit=${unit}&year=2025`;
        break;
      case 'POST /api/indicators/preview':
        body = { orgUnitCode: unit, year: 2025, numerator: { measure: 'activities', recordedBy: { levels: ['province'] } } };
        break;
      case 'GET /api/indicator-targets': path = `${pattern}?orgUnit=${unit}&year=2030`; break;
      case 'PUT /api/indicator-targets':
        body = { indicator: 'communes_communication', orgUnitCode: unit, year: 2030, target: 75 };
        break;
      case 'DELETE /api/indicator-targets':
      {
        // a target to remove, set again before an attempt when the last one removed it (only
        // then: the CSRF sweep counts audit entries)
        const have = assertStatus(await admin.get(`/api/indicator-targets?orgUnit=${unit}&year=2030`), 200).items;
        if (!have.some((x) => x.indicator === 'students_reached'))
          assertStatus(await admin.put('/api/indicator-targets', { indicator: 'students_reached', orgUnitCode: unit, year: 2030, target: 70 }), 200);
      }
        path = `${pattern}?indicator=students_reached&orgUnit=${unit}&year=2030`;
        break;
      case 'GET /api/report-forms/{code}': path = '/api/report-forms/bc_6thang'; break;
      case 'POST /api/analytics/pivot':
      case 'POST /api/analytics/pivot/export':
        body = { measure: 'reached', rows: ['commune'], columns: ['year'], filters: { orgUnit: v === 'dn' ? '75' : '52' } };
        break;
      case 'POST /api/analytics/inspections/pivot':
        body = { measure: 'coverage_pct', rows: ['commune'], columns: ['type'], filters: { orgUnit: v === 'dn' ? '75' : '52' } };
        break;
      case 'POST /api/analytics/cases/pivot':
        body = { measure: 'casePeople', rows: ['hostProgramme'], filters: { orgUnit: v === 'dn' ? '75' : '52' } };
        break;
      case 'GET /api/money/execution':
      case 'GET /api/money/execution.xlsx':
      case 'GET /api/money/cost-per-result':
      case 'GET /api/money/cost-per-result.xlsx':
        if (v) path += `?orgUnit=${unit}&year=2025&by=${pattern.includes('cost') ? 'targetGroup' : 'unit'}`;
        break;
      case 'GET /api/report-periods': path = `/api/report-periods?form=bc_6thang&year=2026&orgUnit=${unit}`; break;
      case 'GET /api/reports/current':
      case 'GET /api/reports/compile':
      case 'GET /api/reports/overdue':
        path = `${pattern}?form=bc_6thang&period=${ids.repPeriod}&orgUnit=${unit}`;
        break;
      case 'GET /api/reports/document':
        path = `${pattern}?form=bc_6thang&period=${ids.repPeriod}&orgUnit=${unit}&format=docx`;
        break;
      case 'PUT /api/reports':
        body = { form: 'bc_6thang', period: ids.repDraft[v].period, orgUnitCode: unit, values: { results: `Báo cáo sửa ${tag}` } };
        break;
      case 'POST /api/reports/{id}/submit':
      case 'POST /api/reports/{id}/accept':
      case 'POST /api/reports/{id}/return':
      case 'POST /api/reports/{id}/reopen': {
        const action = pattern.split('/').pop();
        const want = { submit: 'draft', accept: 'submitted', return: 'submitted', reopen: 'accepted' }[action];
        const pool = ids.repPool[`${action} ${v}`];
        for (;;) {
          assert.ok(pool.length, `pool of ${action} ${v} reports exhausted`);
          const { period, unit: u } = pool[0];
          const cur = assertStatus(await admin.get(`/api/reports/current?form=bc_6thang&period=${period}&orgUnit=${u}`), 200);
          assert.equal(cur.id, pool[0].id);
          if (cur.status === want) break;
          pool.shift();
        }
        path = `/api/reports/${pool[0].id}/${action}`;
        // a province's report compiles its units, none of which reported for these future halves:
        // the submitter confirms submitting without them (docs/api-reports.md)
        body = action === 'return' || action === 'reopen' ? { comment: `Lý do ${tag}` } : action === 'submit' ? { confirmMissing: true } : {};
        break;
      }
      case 'GET /api/reports/acting-units': path = `${pattern}?form=bc_6thang&period=2023-H1`; break;
      case 'POST /api/report-imports':
        path = `/api/report-imports?filename=${tag}.xlsx`;
        body = new Uint8Array(Buffer.from('không phải tệp xlsx')); raw = true;
        break;
      case 'GET /api/report-imports/{id}':
        ids.repImport ??= assertStatus(await admin.post('/api/report-imports?filename=matrix.xlsx',
          new Uint8Array(Buffer.from('không phải tệp xlsx')), { raw: true, headers: { 'content-type': 'application/octet-stream' } }), 202).id;
        path = pattern.replace('{id}', ids.repImport);
        break;
      case 'POST /api/report-imports/{id}/commit': {
        // a checked import (the ministry's own report of a past period, a new period each time)
        ids.vnYear = (ids.vnYear ?? 2000) + 1;
        const book = xlsx([['VN', [['code', 'value'], ['orgUnit', 'VN'], ['period', `${ids.vnYear}-H1`],
          ['paperSubmittedOn', `${ids.vnYear}-06-01`], ['reason', 'ma trận quyền']]]]);
        const id = assertStatus(await admin.post(`/api/report-imports?filename=vn-${ids.vnYear}.xlsx`, new Uint8Array(book),
          { raw: true, headers: { 'content-type': 'application/octet-stream' } }), 202).id;
        for (let i = 0; ; ++i) {
          const j = assertStatus(await admin.get(`/api/report-imports/${id}`), 200);
          if (j.status === 'ready') break;
          assert.ok(j.status === 'validating' && i < 400, `report import ${id}: ${j.status} ${JSON.stringify(j.errors)}`);
          await new Promise((r) => setTimeout(r, 25));
        }
        path = `/api/report-imports/${id}/commit`;
        body = {};
        break;
      }
      case 'POST /api/report-requests':
        body = { form: 'bc_6thang', title: `Yêu cầu ${tag}`, from: '2026-01-01', to: '2026-06-30', deadline: todayVN() };
        break;
      case 'POST /api/notifications/{id}/read': path = `/api/notifications/${ids.notifGL}/read`; break;
      case 'POST /api/notifications/read-all': break;
      case 'GET /api/report-requests/{id}': path = `/api/report-requests/${ids.reqPool[v][ids.reqPool[v].length - 1]}`; break;
      case 'POST /api/report-requests/{id}/close': {
        const pool = ids.reqPool[v];
        for (;;) {
          assert.ok(pool.length, `pool of ${v} requests exhausted`);
          if (assertStatus(await admin.get(`/api/report-requests/${pool[0]}`), 200).status === 'open') break;
          pool.shift();
        }
        path = `/api/report-requests/${pool[0]}/close`;
        break;
      }
      case 'POST /api/cases/duplicates': body = { idNumber: '052191000101' }; break;
      case 'POST /api/cases': body = ids.caseInput(v, `Người ${tag}`); break;
      case 'GET /api/cases/{id}':
      case 'GET /api/cases/{id}/access-log':
      case 'GET /api/cases/{id}/consents':
        path = pattern.replace('{id}', ids[`case_${v}`]);
        break;
      case 'PUT /api/cases/{id}':
      case 'PUT /api/cases/{id}/identity': {
        const cur = assertStatus(await admin.get(`/api/cases/${ids[`case_${v}`]}`), 200);
        path = pattern.replace('{id}', cur.id);
        body = pattern.endsWith('identity') ? { identity: { phone: '0900000001' }, version: cur.version }
          : { ...ids.caseInput(v), identity: undefined, sex: cur.sex === 'female' ? 'unknown' : 'female', version: cur.version };
        break;
      }
      case 'POST /api/cases/{id}/reveal':
        path = pattern.replace('{id}', ids[`case_${v}`]);
        body = { reason: 'Ma trận quyền: kiểm tra xem danh tính', fields: ['fullName'] };
        break;
      case 'GET /api/cases/{id}/services':
      case 'GET /api/cases/{id}/referrals':
        path = pattern.replace('{id}', ids[`case_${v}`]);
        break;
      case 'POST /api/cases/{id}/services':
        path = pattern.replace('{id}', ids[`case_${v}`]);
        body = { serviceCode: 'condoms', hostProgrammeCode: 'hiv_aids', fundingSourceCode: 'provincial_budget', note: 'ma trận' };
        break;
      case 'POST /api/cases/{id}/referrals':
        path = pattern.replace('{id}', ids[`case_${v}`]);
        body = ids.referralBody(v);
        break;
      case 'POST /api/referrals/{id}/accept':
      case 'POST /api/referrals/{id}/reject':
      case 'POST /api/referrals/{id}/done':
        path = pattern.replace('{id}', ids.referralGL);
        body = { version: 1, reason: 'Ma trận quyền' };
        break;
      case 'POST /api/referrals/{id}/revoke': {  // a referral still sent (a success revokes it)
        const list = assertStatus(await admin.get(`/api/cases/${ids[`case_${v}`]}/referrals`), 200).items;
        const r = list.find((x) => x.status === 'sent' && x.id !== ids.referralGL);
        assert.ok(r, `pool of ${v} referrals to revoke exhausted`);
        path = pattern.replace('{id}', r.id);
        body = { version: r.version };
        break;
      }
      case 'POST /api/case-groups': body = ids.groupInput(v, tag); break;
      case 'GET /api/case-groups/{id}':
      case 'GET /api/cases/{id}/groups':
        path = pattern.replace('{id}', ids[pattern.startsWith('/api/cases/') ? `case_${v}` : `group_${v}`]);
        break;
      case 'PUT /api/case-groups/{id}': {
        const cur = assertStatus(await admin.get(`/api/case-groups/${ids[`group_${v}`]}`), 200);
        path = pattern.replace('{id}', cur.id);
        body = { name: `CLB ma trận ${v} ${tag}`, kind: cur.kind, foundedOn: cur.foundedOn, version: cur.version };
        break;
      }
      case 'POST /api/case-groups/{id}/members':
        path = pattern.replace('{id}', ids[`group_${v}`]);
        body = { code: await ids.freeMember(v) };
        break;
      case 'POST /api/case-groups/{id}/members/{memberId}/end': {  // a current membership (one is added when none)
        let g = assertStatus(await admin.get(`/api/case-groups/${ids[`group_${v}`]}`), 200);
        if (!g.members.some((m) => m.current))
          g = assertStatus(await admin.post(`/api/case-groups/${g.id}/members`, { code: await ids.freeMember(v) }), 201);
        path = `/api/case-groups/${g.id}/members/${g.members.find((m) => m.current).id}/end`;
        body = {};
        break;
      }
      case 'POST /api/cases/{id}/rights-export':
      case 'POST /api/cases/{id}/rights-export/xlsx':
        path = pattern.replace('{id}', ids[`case_${v}`]);
        body = {};
        break;
      case 'POST /api/cases/{id}/anonymise': {
        const pool = ids.anonPool[v];
        let cur;
        for (;;) {
          assert.ok(pool.length, `pool of ${v} records to anonymise exhausted`);
          cur = assertStatus(await admin.get(`/api/cases/${pool[0]}`), 200);
          if (cur.status !== 'anonymised') break;
          pool.shift();
        }
        path = pattern.replace('{id}', cur.id);
        body = { reason: 'Ma trận quyền: ẩn danh hồ sơ', version: cur.version };
        break;
      }
      case 'POST /api/cases/{id}/consents': {
        const pool = ids.casePool.give[v];
        for (;;) {
          assert.ok(pool.length, `pool of ${v} records without consent exhausted`);
          if (!assertStatus(await admin.get(`/api/cases/${pool[0]}/consents`), 200).current.services) break;
          pool.shift();
        }
        path = `/api/cases/${pool[0]}/consents`;
        body = { purpose: 'services' };
        break;
      }
      case 'POST /api/cases/{id}/consents/{consentId}/withdraw': {
        const pool = ids.casePool.withdraw[v];
        let c;
        for (;;) {
          assert.ok(pool.length, `pool of ${v} records with consent exhausted`);
          c = assertStatus(await admin.get(`/api/cases/${pool[0]}/consents`), 200);
          if (c.current.statistics) break;
          pool.shift();
        }
        path = `/api/cases/${pool[0]}/consents/${c.items.find((x) => x.purpose === 'statistics').id}/withdraw`;
        body = {};
        break;
      }
      case 'GET /api/cases/{id}/work': case 'POST /api/cases/{id}/assessments': case 'POST /api/cases/{id}/plans':
      case 'PUT /api/case-plans/{id}': case 'POST /api/case-plans/{id}/submit': case 'POST /api/case-plans/{id}/approve':
      case 'POST /api/case-plans/{id}/return': case 'POST /api/cases/{id}/follow-ups': case 'POST /api/case-follow-ups/{id}/done':
      case 'POST /api/case-follow-ups/{id}/cancel': case 'PUT /api/cases/{id}/outcome': case 'POST /api/cases/{id}/closure/request':
      case 'POST /api/cases/{id}/closure/approve': case 'POST /api/cases/{id}/closure/reject': case 'POST /api/cases/{id}/reopen':
        ({ path, body } = await caseWorkRequest(routeOf(key), v, role, { admin, S, ids, tag }));  // case-work-matrix.mjs
        break;
      case 'POST /api/businesses': body = ids.bizInput(v, `Cơ sở thử ${tag}`); break;
      case 'POST /api/businesses/import':
        path += '?filename=co-so.csv';
        body = `Loại hình,Tên,Địa chỉ,Mã xã,Ngày\nkaraoke,Cơ sở nhập ${tag},1 Ma Trận,21583,${todayVN()}\n`;
        raw = true;
        break;
      case 'GET /api/businesses/{id}': path = pattern.replace('{id}', ids[`biz_${v}`]); break;
      case 'PUT /api/businesses/{id}':
      case 'POST /api/businesses/{id}/status': {
        const cur = assertStatus(await admin.get(`/api/businesses/${ids[`biz_${v}`]}`), 200);
        path = pattern.replace('{id}', cur.id);
        body = pattern.endsWith('status')
          ? { version: cur.version, status: cur.status === 'operating' ? 'suspended' : 'operating', effectiveOn: todayVN(), reason: `Ma trận ${tag}` }
          : { ...ids.bizInput(v, cur.name), workersFemale: cur.workersFemale + 1, version: cur.version };
        break;
      }
      case 'GET /api/legal-references/resolve': path += '?topic=buying_sex&on=2025-12-20'; break;
      case 'POST /api/legal-references/import':
        path += '?filename=can-cu.csv';
        body = `code,instrument,article,clause,point,topic,titleVi,titleEn,fineMin,fineMax,validFrom,validTo,sourceNote\nM-${tag},1/2030/NĐ-CP,1,,,other,Khác,Other,,,01/01/2030,,\n`;
        raw = true;
        break;
      case 'GET /api/checklists': path += '?type=karaoke&on=2026-01-01'; break;
      case 'POST /api/checklists': body = { typeCode: 'other', validFrom: '2030-01-01', note: `Ma trận ${tag}`, items: [{ itemKey: 'k', textVi: 'Mục' }] }; break;
      case 'POST /api/inspection-teams': body = ids.teamInput(v, `Đội thử ${tag}`); break;
      case 'GET /api/inspection-teams/{id}': path = pattern.replace('{id}', ids[`team_${v}`]); break;
      case 'PUT /api/inspection-teams/{id}': {
        const cur = assertStatus(await admin.get(`/api/inspection-teams/${ids[`team_${v}`]}`), 200);
        path = pattern.replace('{id}', cur.id);
        body = { ...ids.teamInput(v, cur.name), decisionRef: `QĐ ${tag}`, version: cur.version };
        break;
      }
      case 'POST /api/inspection-plans': body = ids.planInput(v, `Kế hoạch thử ${tag}`); break;
      case 'GET /api/inspection-plans/{id}': path = pattern.replace('{id}', ids[`plan_${v}`]); break;
      case 'PUT /api/inspection-plans/{id}': {
        const cur = assertStatus(await admin.get(`/api/inspection-plans/${ids[`plan_${v}`]}`), 200);
        path = pattern.replace('{id}', cur.id);
        body = { ...ids.planInput(v, cur.title), note: `Ma trận ${tag}`, version: cur.version };
        break;
      }
      case 'POST /api/inspection-plans/{id}/status':
      case 'POST /api/inspections/{id}/finalise': {
        const plan = pattern.startsWith('/api/inspection-plans');
        const pool = ids[`${plan ? 'planPool' : 'finalPool'}_${v}`];
        let cur;
        for (;;) {
          assert.ok(pool.length, `pool for ${key} exhausted`);
          cur = assertStatus(await admin.get(`${plan ? '/api/inspection-plans' : '/api/inspections'}/${pool[0]}`), 200);
          if (cur.status === 'draft') break;
          pool.shift();
        }
        path = pattern.replace('{id}', cur.id);
        body = plan ? { version: cur.version, status: 'active' } : { version: cur.version };
        break;
      }
      case 'POST /api/inspections': body = ids.inspInput(v); break;
      case 'GET /api/inspections/{id}': path = pattern.replace('{id}', ids[`insp_${v}`]); break;
      case 'GET /api/classification/decision': path = `${pattern}?province=52&year=2025&format=docx`; break;
      case 'GET /api/inspections/{id}/document': path = pattern.replace('{id}', ids[`insp_${v}`]) + '?format=docx'; break;
      case 'PUT /api/inspections/{id}': {
        const cur = assertStatus(await admin.get(`/api/inspections/${ids[`insp_${v}`]}`), 200);
        path = pattern.replace('{id}', cur.id);
        body = { ...ids.inspInput(v), findings: `Ma trận ${tag}`, version: cur.version };
        break;
      }
      case 'POST /api/inspections/{id}/evidence':
        path = `${pattern.replace('{id}', ids[`insp_${v}`])}?filename=bien-ban.pdf`;
        body = MATRIX_PDF;
        raw = true;
        break;
      case 'GET /api/inspections/{id}/evidence/{attachmentId}':
        path = pattern.replace('{id}', ids[`insp_${v}`]).replace('{attachmentId}', ids[`ev_${v}`]);
        break;
      case 'GET /api/classification/sets/in-force': path += '?commune=21583&year=2025'; break;
      case 'GET /api/classification/sets/{id}': path = pattern.replace('{id}', '1'); break;
      case 'POST /api/classification/sets':
        body = { ownerUnitCode: unit, title: `Ma trận ${tag}`, validFrom: '2100-01-01', definition: ids.clfDef };
        break;
      case 'PUT /api/classification/sets/{id}': {
        const cur = assertStatus(await admin.get(`/api/classification/sets/${ids[`clfDraft_${v}`]}`), 200);
        path = pattern.replace('{id}', cur.id);
        body = { rowVersion: cur.rowVersion, title: `Ma trận ${tag}`, validFrom: cur.validFrom, validTo: cur.validTo, definition: ids.clfDef };
        break;
      }
      case 'POST /api/classification/sets/{id}/publish':
      case 'DELETE /api/classification/sets/{id}': {
        const publish = pattern.endsWith('publish');
        const pool = ids[`${publish ? 'clfPublish' : 'clfDelete'}_${v}`];
        for (;;) {
          assert.ok(pool.length, `pool for ${key} exhausted`);
          const cur = await admin.get(`/api/classification/sets/${pool[0]}`);
          if (cur.status === 200 && cur.body.status === 'draft') break;
          pool.shift();
        }
        path = pattern.replace('{id}', pool[0]);
        if (publish) body = {};
        break;
      }
      case 'POST /api/classification/assessments':
        // a commune and year without an assessment for each role that succeeds
        body = v === 'dn' ? (role === 'tinh.dongnai' ? { communeCode: '25210', year: 2025 } : { communeCode: '25210', year: 2026 })
          : role === 'admin' ? { communeCode: '23575', year: 2026 } : role === 'tinh.gialai' ? { communeCode: '21562', year: 2022 }
            : { communeCode: '21583', year: 2026 };
        break;
      case 'GET /api/classification/assessments/{id}': path = pattern.replace('{id}', ids[`clf_${v}`]); break;
      case 'PUT /api/classification/assessments/{id}':
      case 'POST /api/classification/assessments/{id}/refresh-evidence': {
        const cur = assertStatus(await admin.get(`/api/classification/assessments/${ids[`clf_${v}`]}`), 200);
        path = pattern.replace('{id}', cur.id);
        body = pattern.endsWith('evidence') ? { version: cur.version } : { version: cur.version, summary: `Ma trận ${tag}`, items: [] };
        break;
      }
      case 'PUT /api/classification/assessments/{id}/check': {
        const cur = assertStatus(await admin.get(`/api/classification/assessments/${ids[`clfCheck_${v}`]}`), 200);
        path = pattern.replace('{id}', cur.id);
        body = { version: cur.version, items: [{ criterionKey: 'A1', checkScore: 10, checkComment: tag }] };
        break;
      }
      case 'POST /api/classification/assessments/{id}/submit':
      case 'POST /api/classification/assessments/{id}/return':
      case 'POST /api/classification/assessments/{id}/approve':
      case 'POST /api/classification/assessments/{id}/reopen': {
        const step = pattern.split('/').pop();
        const from = { submit: ['draft', 'returned'], return: ['submitted'], approve: ['submitted'], reopen: ['approved'] }[step];
        const pool = ids[`clf${step[0].toUpperCase()}${step.slice(1)}_${v}`];
        let cur;
        for (;;) {
          assert.ok(pool.length, `pool for ${key} exhausted`);
          cur = assertStatus(await admin.get(`/api/classification/assessments/${pool[0]}`), 200);
          if (from.includes(cur.status)) break;
          pool.shift();
        }
        path = pattern.replace('{id}', cur.id);
        body = { version: cur.version, comment: `Ma trận ${tag}`, reason: `Ma trận ${tag}` };
        break;
      }
      case 'POST /api/classification/assessments/{id}/items/{criterionKey}/attachments':
        path = `${pattern.replace('{id}', ids[`clf_${v}`]).replace('{criterionKey}', 'B1')}?filename=minh-chung.pdf`;
        body = MATRIX_PDF;
        raw = true;
        break;
      case 'GET /api/classification/assessments/{id}/items/{criterionKey}/attachments/{attachmentId}':
        path = pattern.replace('{id}', ids[`clf_${v}`]).replace('{criterionKey}', 'B1').replace('{attachmentId}', ids[`clfAtt_${v}`]);
        break;
      case 'DELETE /api/classification/assessments/{id}/items/{criterionKey}/attachments/{attachmentId}': {
        const pool = ids[`clfAttPool_${v}`];
        const base = `/api/classification/assessments/${ids[`clf_${v}`]}/items/B2/attachments`;
        for (;;) {
          assert.ok(pool.length, `pool for ${key} exhausted`);
          if ((await admin.get(`${base}/${pool[0]}`)).status === 200) break;
          pool.shift();
        }
        path = `${base}/${pool[0]}`;
        break;
      }
      case 'POST /api/allocation-decisions': body = ids.allocBody(v, tag); break;
      case 'GET /api/allocation-decisions/{id}': path = pattern.replace('{id}', ids[`alloc_${v}`]); break;
      case 'PUT /api/allocation-decisions/{id}': {
        const cur = assertStatus(await admin.get(`/api/allocation-decisions/${ids[`alloc_${v}`]}`), 200);
        path = pattern.replace('{id}', cur.id);
        body = { ...ids.allocBody(v, tag), number: cur.number, decisionDate: cur.decisionDate, note: `Ma trận ${tag}`, version: cur.version };
        break;
      }
      case 'DELETE /api/allocation-decisions/{id}':
      case 'POST /api/allocation-decisions/{id}/issue': {
        const issue = pattern.endsWith('issue');
        const pool = ids[`${issue ? 'allocIssue' : 'allocDelete'}_${v}`];
        let cur;
        for (;;) {
          assert.ok(pool.length, `pool for ${key} exhausted`);
          cur = await admin.get(`/api/allocation-decisions/${pool[0]}`);
          if (cur.status === 200 && cur.body.status === 'draft') break;
          pool.shift();
        }
        path = pattern.replace('{id}', pool[0]);
        if (issue) body = { version: cur.body.version };
        break;
      }
      case 'POST /api/allocation-decisions/{id}/amend':
        path = pattern.replace('{id}', ids[`allocIssued_${v}`]);
        body = { issuingBody: 'UBND tỉnh', number: `${tag}/ĐC`, decisionDate: todayVN(), lines: [{ fundingSource: 'provincial_budget', amount: 1000 }] };
        break;
      case 'POST /api/allocation-decisions/{id}/attachments':
        path = `${pattern.replace('{id}', ids[`alloc_${v}`])}?filename=qd.pdf`;
        body = MATRIX_PDF;
        raw = true;
        break;
      case 'GET /api/allocation-decisions/{id}/attachments/{attachmentId}':
        path = pattern.replace('{id}', ids[`alloc_${v}`]).replace('{attachmentId}', ids[`allocAtt_${v}`]);
        break;
      case 'DELETE /api/allocation-decisions/{id}/attachments/{attachmentId}': {
        const pool = ids[`allocAttPool_${v}`];
        const base = `/api/allocation-decisions/${ids[`alloc_${v}`]}/attachments`;
        for (;;) {
          assert.ok(pool.length, `pool for ${key} exhausted`);
          if ((await admin.get(`${base}/${pool[0]}`, { raw: true })).status === 200) break;
          pool.shift();
        }
        path = `${base}/${pool[0]}`;
        break;
      }
      case 'POST /api/tokens': body = { name: `Ma trận ${tag}`, days: 30, permissions: ['hierarchy.read'] }; break;
      case 'POST /api/tokens/{id}/revoke': path = `/api/tokens/${ids[`token_${v}`]}/revoke`; body = {}; break;
      case 'GET /api/tokens/{id}/uses': path = `/api/tokens/${ids[`token_${v}`]}/uses`; break;
      case 'GET /api/classification/completeness': path += '?province=52&year=2025'; break;
      case 'GET /api/classification/history': path += '?commune=21583'; break;
      default:
        if (method !== 'GET') throw new Error(`no request builder for ${key}`);
    }
    return { client, method, path, body, raw };
  }

  test('every route of the OpenAPI document × every role matches the expectation table', async (t) => {
    const doc = assertStatus(await S.anon.get('/api/openapi.json'), 200);
    const documented = [];
    for (const [pattern, ops] of Object.entries(doc.paths))
      for (const m of Object.keys(ops)) documented.push(`${m.toUpperCase()} ${pattern}`);
    const tableRoutes = new Set(Object.keys(TABLE).map(routeOf));
    const missing = documented.filter((r) => !tableRoutes.has(r));
    assert.deepEqual(missing, [], 'routes in the OpenAPI document without an expectation row');
    const stale = [...tableRoutes].filter((r) => !documented.includes(r));
    assert.deepEqual(stale, [], 'expectation rows for routes the server does not document');

    for (const route of documented) {
      const rows = Object.keys(TABLE).filter((k) => routeOf(k) === route);
      await t.test(route, async () => {
        const problems = [];
        for (const key of rows) {
          for (const [i, role] of ROLES.entries()) {
            const want = TABLE[key][i];
            const { client, method, path, body, raw } = await build(key, role);
            const res = await client.request(method, path, body, { raw });
            if (res.status !== want) {
              problems.push(`${key} as ${role}: expected ${want}, got ${res.status} ${res.text.slice(0, 200)}`);
              continue;
            }
            if (want >= 400) {
              try {
                // docs/api-activities.md: a validation_failed error may also list every fault in
                // `details` ([{field, message, messageEn}], the first one being `field`)
                const d = res.body?.error?.details;
                if (d !== undefined) {
                  assert.equal(res.body.error.code, 'validation_failed', 'only validation errors carry details');
                  assert.ok(Array.isArray(d) && d.length > 0, 'details is a non-empty list');
                  for (const x of d) assert.deepEqual(Object.keys(x).sort(), ['field', 'message', 'messageEn']);
                  assert.equal(d[0].field, res.body.error.field, 'field names the first fault');
                  const { details, ...rest } = res.body.error;
                  res.body = { error: rest };
                }
                assertError(res, want, ERROR_CODE[want]);
              } catch (e) {
                problems.push(`${key} as ${role}: ${e.message}`);
              }
            }
          }
        }
        assert.deepEqual(problems, []);
      });
    }
  });

  test('people supported: every cases route × the case roles, police and inspection (the wall)', async (t) => {
    const doc = assertStatus(await S.anon.get('/api/openapi.json'), 200);
    const documented = [];
    for (const [pattern, ops] of Object.entries(doc.paths))
      for (const m of Object.keys(ops))
        if (/^\/api\/(cases|case-services|case-groups|case-search-log|referrals|case-plans|case-follow-ups|analytics\/cases)(\/|$)/.test(pattern)) documented.push(`${m.toUpperCase()} ${pattern}`);
    assert.deepEqual([...new Set(Object.keys(CASE_TABLE).map(routeOf))].sort(), documented.sort(), 'a CASE_TABLE row per cases route');
    for (const key of Object.keys(CASE_TABLE)) {
      await t.test(key, async () => {
        const problems = [];
        for (const [i, role] of CASE_ROLES.entries()) {
          const want = CASE_TABLE[key][i];
          const { client, method, path, body, raw } = await build(key, role);
          const res = await client.request(method, path, body, { raw });
          if (res.status !== want) problems.push(`${key} as ${role}: expected ${want}, got ${res.status} ${res.text.slice(0, 200)}`);
          else if (want >= 400) {
            try { assertError(res, want, ERROR_CODE[want]); } catch (e) { problems.push(`${key} as ${role}: ${e.message}`); }
          }
        }
        assert.deepEqual(problems, []);
      });
    }
  });

  test('CSRF: every state-changing session route refuses a missing or wrong token, and writes nothing', async (t) => {
    const before = {
      audit: assertStatus(await admin.get('/api/audit?pageSize=1'), 200).total,
      users: assertStatus(await admin.get('/api/users?pageSize=1'), 200).total,
      agencies: assertStatus(await admin.get('/api/agencies?pageSize=1'), 200).total,
    };
    const doc = assertStatus(await S.anon.get('/api/openapi.json'), 200);
    let checked = 0;
    for (const [pattern, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops)) {
        if (m === 'get' || !op.security) continue; // public routes (login, setup) have no session
        const route = `${m.toUpperCase()} ${pattern}`;
        const rows = Object.keys(TABLE).filter((k) => routeOf(k) === route);
        assert.ok(rows.length, route);
        for (const key of rows) {
          for (const role of ROLES.filter((r) => r !== 'anon')) {
            const { client, method, path, body, raw } = await build(key, role, { spareForLogout: false });
            for (const csrf of [false, 'deadbeef'.repeat(6), S[role === 'admin' ? 'bo' : 'admin'].csrf]) {
              const res = await client.request(method, path, body, { raw, csrf });
              assertError(res, 403, 'csrf_failed');
              ++checked;
            }
          }
        }
      }
    }
    assert.ok(checked >= 9 * 7 * 3, `checked ${checked}`);
    const afterAudit = assertStatus(await admin.get('/api/audit?pageSize=1'), 200).total;
    assert.equal(afterAudit, before.audit, 'no audit entry written');
    assert.equal(assertStatus(await admin.get('/api/users?pageSize=1'), 200).total, before.users);
    assert.equal(assertStatus(await admin.get('/api/agencies?pageSize=1'), 200).total, before.agencies);
    // logout was refused: the sessions are still signed in
    for (const role of ROLES.filter((r) => r !== 'anon')) assertStatus(await S[role].get('/api/me'), 200, role);
  });

  // ----- the facts the access rules exist for -----

  async function giaLaiScope() {
    // new Gia Lai, its communes and their predecessors, and old Bình Định (52) / Gia Lai (64) with
    // their districts and communes: the units whose records tinh.gialai may see.
    const units = new Map(); // id → {code, name}
    const add = (u) => units.set(u.id, { code: u.code, name: u.name });
    const gl = assertStatus(await admin.get('/api/org-units/52'), 200);
    add(gl);
    for (const c of (await listAll(admin, '/api/org-units?parent=52')).items) {
      add(c);
      for (const p of assertStatus(await admin.get(`/api/org-units/${c.code}`), 200).predecessors) add(p.unit);
    }
    for (const p of gl.predecessors) {
      add(p.unit);
      for (const d of (await listAll(admin, `/api/org-units?parent=${p.unit.code}&asOf=2024-06-30`)).items) {
        add(d);
        for (const c of (await listAll(admin, `/api/org-units?parent=${d.code}&asOf=2024-06-30`)).items) add(c);
      }
    }
    return units;
  }

  test('user lists are scoped: tinh.gialai sees Gia Lai only; xa.gialai may not list; bo sees all', async () => {
    const scope = await giaLaiScope();
    assert.ok(scope.size > 30, `Gia Lai scope has ${scope.size} unit versions`);
    const demo = ['admin', 'bo', 'tinh.gialai', 'xa.gialai', 'tinh.dongnai', 'coquan.gialai', 'xem.gialai'];
    const gl = (await listAll(S['tinh.gialai'], '/api/users')).items;
    assert.deepEqual(gl.map((u) => u.username).filter((u) => demo.includes(u)).sort(),
      ['coquan.gialai', 'tinh.gialai', 'xa.gialai', 'xem.gialai']);
    for (const u of gl) assert.ok(scope.has(u.orgUnit.id), `${u.username} (${u.orgUnit.code} ${u.orgUnit.name}) is in Gia Lai's scope`);
    const dn = (await listAll(S['tinh.dongnai'], '/api/users')).items.map((u) => u.username);
    assert.ok(dn.includes('tinh.dongnai') && !dn.includes('tinh.gialai') && !dn.includes('admin') && !dn.includes('bo'));
    // an orgUnit filter outside the caller's scope yields nothing (scope and filter both hold)
    assert.equal(assertStatus(await S['tinh.gialai'].get('/api/users?orgUnit=75'), 200).total, 0);
    assert.ok(assertStatus(await S['tinh.gialai'].get('/api/users?orgUnit=21583'), 200).items.some((u) => u.username === 'xa.gialai'));
    assertError(await S['xa.gialai'].get('/api/users'), 403, 'forbidden');
    const all = assertStatus(await admin.get('/api/users?pageSize=1'), 200).total;
    assert.equal(assertStatus(await S.bo.get('/api/users?pageSize=1'), 200).total, all, 'bo sees every user');
    // a single out-of-scope user answers 404, not 403 (existence does not leak)
    const dnId = (await listAll(admin, '/api/users?q=tinh.dongnai')).items[0].id;
    assertError(await S['tinh.gialai'].get(`/api/users/${dnId}`), 404, 'not_found');
    assertError(await S['tinh.gialai'].get('/api/users/99999999'), 404, 'not_found');
  });

  test('audit as tinh.gialai holds exactly the entries of Gia Lai and the units merged into it', async () => {
    const scope = await giaLaiScope();
    const inScope = new Set([...scope.values()].map((u) => `${u.code}|${u.name}`));
    const mine = (await listAll(S['tinh.gialai'], '/api/audit')).items;
    const everything = (await listAll(admin, '/api/audit')).items;
    assert.ok(mine.length > 20, `tinh.gialai sees ${mine.length} audit entries`);
    assert.ok(everything.length > mine.length);
    for (const e of mine)
      assert.ok(inScope.has(`${e.orgUnitCode}|${e.orgUnitName}`), `entry ${e.id} (${e.entity} ${e.orgUnitCode} ${e.orgUnitName}) is in scope`);
    const codes = new Set(mine.map((e) => e.orgUnitCode));
    for (const c of ['52', '64', '540', '21583']) assert.ok(codes.has(c), `entries of ${c} are visible`);
    for (const c of ['75', '70', '56', '58', '30', '31', 'VN']) assert.ok(!codes.has(c), `no entry of ${c}`);
    // complete: every entry admin sees about a Gia Lai unit is visible to tinh.gialai
    // (the entries of support records are only for who may read them: issue 16, the wall)
    const SUPPORT = ['case', 'case_identity', 'case_reveal', 'case_consent', 'case_service', 'case_referral', 'case_group', 'case_group_member',
      'case_assessment', 'case_plan', 'case_followup', 'case_outcome', 'case_closure', 'case_rights_export', 'case_correction'];
    assert.ok(everything.some((e) => SUPPORT.includes(e.entity)), 'admin sees the support records\' entries');
    assert.ok(!mine.some((e) => SUPPORT.includes(e.entity)), 'tinh.gialai (no cases.read) does not');
    const expected = everything.filter((e) => inScope.has(`${e.orgUnitCode}|${e.orgUnitName}`) && !SUPPORT.includes(e.entity)).map((e) => e.id).sort();
    assert.deepEqual(mine.map((e) => e.id).sort(), expected);
    // newest first
    const idsDesc = mine.map((e) => e.id);
    assert.deepEqual(idsDesc, [...idsDesc].sort((a, b) => b - a));
    assert.equal(assertStatus(await S.bo.get('/api/audit?pageSize=1'), 200).total,
      everything.filter((e) => !SUPPORT.includes(e.entity)).length, 'bo sees all audit but that of support records');
    assertError(await S['xem.gialai'].get('/api/audit'), 403, 'forbidden');
  });

  test('scope and grant rules on writes', async () => {
    const tinh = S['tinh.gialai'];
    const base = { fullName: 'Người mới', password: 'Matrix1234', orgUnitCode: '52', orgUnitAsOf: todayVN(), roles: ['viewer'] };
    // cannot grant a role carrying a permission tinh.gialai lacks (hierarchy.manage)
    assertError(await tinh.post('/api/users', { ...base, username: uniq('g.'), roles: ['system_admin'] }), 403, 'forbidden', 'roles');
    assertError(await tinh.post('/api/users', { ...base, username: uniq('g.'), roles: ['viewer', 'system_admin'] }), 403, 'forbidden', 'roles');
    // may grant roles whose permissions it holds, when they carry no approval rights (the
    // two-person rule across accounts: accounts that approve are created above the province)
    assertStatus(await tinh.post('/api/users', { ...base, username: uniq('g.'), roles: ['commune_officer'] }), 201);
    assertStatus(await tinh.post('/api/users', { ...base, username: uniq('g.'), roles: ['agency_focal_point', 'viewer'], agencyId: ids.agencyGL }), 201);
    for (const roles of [['ministry_officer'], ['province_lead_officer'], ['viewer', 'province_lead_officer']])
      assertError(await tinh.post('/api/users', { ...base, username: uniq('g.'), roles }), 403, 'forbidden', 'roles');
    // cannot create a user in Đồng Nai, nor in an old Gia Lai unit's place outside scope
    assertError(await tinh.post('/api/users', { ...base, username: uniq('g.'), orgUnitCode: '75' }), 403, 'forbidden', 'orgUnitCode');
    assertError(await tinh.post('/api/users', { ...base, username: uniq('g.'), orgUnitCode: 'VN' }), 403, 'forbidden', 'orgUnitCode');
    // cannot attach an agency of Đồng Nai
    assertError(await tinh.post('/api/users', { ...base, username: uniq('g.'), agencyId: ids.agencyDN }), 400, 'validation_failed', 'agencyId');
    assertStatus(await tinh.post('/api/users', { ...base, username: uniq('g.'), agencyId: ids.agencyGL }), 201);
    // cannot move an in-scope user out of scope
    const cur = assertStatus(await admin.get(`/api/users/${ids.targetGL}`), 200);
    assertError(await tinh.put(`/api/users/${ids.targetGL}`, { fullName: cur.fullName, orgUnitCode: '75', orgUnitAsOf: todayVN(), roles: ['viewer'], version: cur.version }),
      403, 'forbidden', 'orgUnitCode');
    assert.equal(assertStatus(await admin.get(`/api/users/${ids.targetGL}`), 200).orgUnit.code, '52');
    // nor an agency out of scope
    const ag = assertStatus(await admin.get(`/api/agencies/${ids.agencyGL}`), 200);
    assertError(await tinh.put(`/api/agencies/${ids.agencyGL}`, { name: ag.name, kind: ag.kind, orgUnitCode: '75', orgUnitAsOf: todayVN(), validFrom: ag.validFrom, version: ag.version }),
      403, 'forbidden', 'orgUnitCode');
    // the deny paths wrote nothing
    assert.equal(assertStatus(await admin.get(`/api/agencies/${ids.agencyGL}`), 200).version, ag.version);
    // no way up: users above or beside tinh.gialai cannot be read, edited or reset, nor can an
    // in-scope user be promoted to system_admin
    const everyone = (await listAll(admin, '/api/users')).items;
    for (const name of ['admin', 'bo', 'tinh.dongnai']) {
      const u = everyone.find((x) => x.username === name);
      assertError(await tinh.get(`/api/users/${u.id}`), 404, 'not_found');
      assertError(await tinh.put(`/api/users/${u.id}`, { fullName: 'X', orgUnitCode: '52', roles: ['viewer'], version: u.version }), 404, 'not_found');
      assertError(await tinh.post(`/api/users/${u.id}/reset-password`, { newPassword: 'Taken1234' }), 404, 'not_found');
    }
    const t2 = assertStatus(await admin.get(`/api/users/${ids.targetGL}`), 200);
    assertError(await tinh.put(`/api/users/${ids.targetGL}`, { fullName: t2.fullName, orgUnitCode: '52', roles: ['system_admin'], version: t2.version }),
      403, 'forbidden', 'roles');
    const me = assertStatus(await tinh.get('/api/me'), 200);
    assertError(await tinh.put(`/api/users/${me.id}`, { fullName: me.fullName, orgUnitCode: '52', roles: ['system_admin'], version: me.version }),
      403, 'forbidden', 'roles');
    assert.deepEqual(assertStatus(await admin.get(`/api/users/${me.id}`), 200).roles, ['province_lead_officer']);
    await login(server.base, 'admin'); // admin's password was not reset
    // bo reads everything but cannot write
    assertError(await S.bo.post('/api/users', { ...base, username: uniq('b.') }), 403, 'forbidden');
    assertError(await S.bo.post('/api/agencies', { name: 'X', kind: 'so', orgUnitCode: '52' }), 403, 'forbidden');
  });

  // The two-person rule across accounts (issue 13): creating an account with approval rights
  // (plans.approve, reports.review), or granting them, is held above the province.
  //                                            admin bo   tinhGL tinhDN xaGL coquan xem  anon
  const APPROVER_ROWS = {
    'POST /api/users approver gl':             [201, 403, 403, 403, 403, 403, 403, 401],
    'PUT /api/users/{id} grant approver gl':    [200, 403, 403, 404, 403, 403, 403, 401],
  };
  test('creating or granting accounts with approval rights: only above the province', async (t) => {
    for (const [key, expected] of Object.entries(APPROVER_ROWS)) {
      for (const [i, role] of ROLES.entries()) {
        await t.test(`${key} as ${role}`, async () => {
          const username = uniq('ap.');
          let res, target;
          if (key.startsWith('POST')) {
            res = await S[role].request('POST', '/api/users', { username, fullName: 'Người phê duyệt', password: 'Matrix1234',
              orgUnitCode: '52', orgUnitAsOf: todayVN(), roles: ['province_lead_officer'] });
          } else {
            target = assertStatus(await admin.post('/api/users', { username, fullName: 'Người xem', password: 'Matrix1234',
              orgUnitCode: '52', orgUnitAsOf: todayVN(), roles: ['viewer'] }), 201);
            res = await S[role].request('PUT', `/api/users/${target.id}`, { fullName: target.fullName, orgUnitCode: '52',
              roles: ['viewer', 'province_lead_officer'], active: true, version: target.version });
          }
          assert.equal(res.status, expected[i], `${key} as ${role}: ${JSON.stringify(res.body)}`);
          if (role === 'tinh.gialai') {  // it manages users in scope: refused for the approval rights alone
            assertError(res, 403, 'forbidden', 'roles');
            assert.match(res.body.error.messageEn, /above the province/);
            assert.match(res.body.error.message, /phê duyệt/);
          }
          // a refusal wrote nothing
          const after = (await listAll(admin, `/api/users?q=${username}`)).items;
          if (key.startsWith('POST')) assert.equal(after.length, res.status === 201 ? 1 : 0);
          else assert.deepEqual(after[0].roles, res.status === 200 ? ['province_lead_officer', 'viewer'] : ['viewer']);
        });
      }
    }
  });
});
