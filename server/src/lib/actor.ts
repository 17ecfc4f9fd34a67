/**
 * Who does something on a staff route, as the services need it: the user the audit log names
 * and the collaboration every read and write is scoped to. Routes take it from the signed-in
 * user (staff-route-kit); the demo seeding builds it for its demo staff.
 */
export interface Actor {
  userId: string;
  collaborationId: string;
}
