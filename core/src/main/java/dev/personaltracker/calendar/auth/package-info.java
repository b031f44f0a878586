/**
 * Provider-neutral OAuth 2.0 plumbing: PKCE ({@link dev.personaltracker.calendar.auth.Pkce}), single-use expiring
 * {@code state} values ({@link dev.personaltracker.calendar.auth.PendingAuthorizations}) and a loopback redirect
 * receiver for desktop hosts ({@link dev.personaltracker.calendar.auth.LoopbackRedirectReceiver}).
 */
package dev.personaltracker.calendar.auth;
