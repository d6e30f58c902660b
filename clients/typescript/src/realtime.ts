// Typed SignalR hubs of Veza: /hubs/chat and /hubs/radio (README "Architecture in a few lines", src/Api/Hubs).
// Each method takes one snake_case object and answers with its completion; a refused call fails with an
// error whose message starts with its code ("FORBIDDEN: Join the room first."), read by hubErrorCode.
import * as signalR from '@microsoft/signalr';
import type { Schema } from './index.ts';

export type ChatRoom = Schema<'ChatRoomDto'>;
export type ChatMessage = Schema<'ChatMessageDto'>;
export type DirectMessage = Schema<'DirectMessageDto'>;
export type StationDetail = Schema<'StationDetailDto'>;
export type NowPlaying = Schema<'NowPlayingDto'>;
export type StoredNotification = Schema<'NotificationDto'>;

type Uuid = string;
type HistoryPage = { before?: Uuid; after?: Uuid; limit?: number };

/** Client -> server on /hubs/chat: the argument and the completion of each method. */
export interface ChatHubMethods {
  JoinRoom(args: { room_id: Uuid }): ChatRoom;
  LeaveRoom(args: { room_id: Uuid }): void;
  SendMessage(args: { room_id: Uuid; content: string; client_message_id: string; reply_to_id?: Uuid; track_id?: Uuid }): ChatMessage;
  EditMessage(args: { message_id: Uuid; content: string }): ChatMessage;
  DeleteMessage(args: { message_id: Uuid }): void;
  GetRoomHistory(args: { room_id: Uuid } & HistoryPage): ChatMessage[];
  SendDirectMessage(args: { user_id: Uuid; content: string; client_message_id: string }): DirectMessage;
  GetDmHistory(args: { user_id: Uuid } & HistoryPage): DirectMessage[];
  Typing(args: { room_id: Uuid } | { user_id: Uuid }): void;
  SetStatus(args: { status: 'away' | 'online' }): void;
  MarkRead(args: { last_read_message_id: Uuid } & ({ room_id: Uuid } | { user_id: Uuid })): void;
}

/** Server -> client on /hubs/chat: each event's payload. */
export interface ChatHubEvents {
  message: ChatMessage;
  message_edited: ChatMessage;
  message_deleted: { id: Uuid; room_id: Uuid };
  reaction: { message_id: Uuid; room_id: Uuid; user_id: Uuid; emoji: string; count: number; added: boolean };
  message_pinned: ChatPinEvent;
  message_unpinned: ChatPinEvent;
  joined: ChatMembershipEvent;
  left: ChatMembershipEvent;
  dm: DirectMessage;
  /** A room's read (with room_id) or a conversation's (without). */
  read: { room_id?: Uuid; user_id: Uuid; last_read_message_id: Uuid };
  typing: { room_id: Uuid | null; user_id: Uuid; username: string | null };
  presence: { user_id: Uuid; status: 'online' | 'away' | 'offline' | (string & {}) };
  notification: StoredNotification;
  track_processed: { track_id: Uuid; status: 'ready' | 'failed' | (string & {}); failure: Schema<'TrackFailureDto'> | null };
  /** The radio station whose chat room this is started a track or a DJ's set. */
  now_playing: NowPlaying;
  offer_updated: { offer_id: Uuid; listing_id: Uuid; move: string; by: string | null; status: string };
  transaction_updated: { transaction_id: Uuid; status: string };
  watched_listing_price_dropped: WatchedListingEvent;
  watched_listing_sold: WatchedListingEvent;
  /** Sent before the server closes the connection (SESSION_REVOKED). */
  error: { code: string; message: string };
}

export interface ChatPinEvent { message_id: Uuid; room_id: Uuid; by_user_id: Uuid; pinned_at: string | null }
export interface ChatMembershipEvent { room_id: Uuid; user_id: Uuid }
export interface WatchedListingEvent { listing_id: Uuid; title: string; old_price: string | null; new_price: string | null; currency: string | null }

/** Client -> server on /hubs/radio (anonymous connections allowed). */
export interface RadioHubMethods {
  WatchStation(args: { station_id: Uuid }): StationDetail;
  UnwatchStation(args: { station_id: Uuid }): void;
}

/** Server -> client on /hubs/radio. */
export interface RadioHubEvents {
  now_playing: NowPlaying;
}

type Method = (args: never) => unknown;

/** A hub connection whose invoke and on know the hub's methods and events. */
export class TypedHub<M extends { [K in keyof M]: Method }, E> {
  constructor(readonly connection: signalR.HubConnection) {}

  start(): Promise<void> { return this.connection.start(); }

  stop(): Promise<void> { return this.connection.stop(); }

  invoke<K extends keyof M & string>(method: K, args: Parameters<M[K]>[0]): Promise<ReturnType<M[K]>> {
    return this.connection.invoke(method, args);
  }

  /** Subscribes to an event; returns the function that unsubscribes. */
  on<K extends keyof E & string>(event: K, handler: (payload: E[K]) => void): () => void {
    this.connection.on(event, handler);
    return () => this.connection.off(event, handler);
  }

  /** The next payload of an event that matches, or a rejection after timeoutMs. */
  next<K extends keyof E & string>(event: K, match: (payload: E[K]) => boolean = () => true, timeoutMs = 10_000): Promise<E[K]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { off(); reject(new Error(`no '${event}' event within ${timeoutMs} ms`)); }, timeoutMs);
      const off = this.on(event, (payload) => {
        if (!match(payload)) return;
        clearTimeout(timer);
        off();
        resolve(payload);
      });
    });
  }
}

export type ChatHub = TypedHub<ChatHubMethods, ChatHubEvents>;
export type RadioHub = TypedHub<RadioHubMethods, RadioHubEvents>;

export interface HubOptions {
  /** The current access token (e.g. `() => client.tokens.get()?.access_token ?? ''`); sent as access_token. */
  accessTokenFactory?: () => string | Promise<string>;
  logLevel?: signalR.LogLevel;
  /** Reconnect with SignalR's default back-off (0, 2, 10, 30 s). */
  reconnect?: boolean;
}

function build(baseUrl: string, path: string, options: HubOptions): signalR.HubConnection {
  let builder = new signalR.HubConnectionBuilder()
    .withUrl(new URL(path, baseUrl).toString(), options.accessTokenFactory ? { accessTokenFactory: options.accessTokenFactory } : {})
    .configureLogging(options.logLevel ?? signalR.LogLevel.Warning);
  if (options.reconnect) builder = builder.withAutomaticReconnect();
  return builder.build();
}

/** The chat hub (not started: call start()). */
export function chatHub(baseUrl: string, options: HubOptions): ChatHub {
  return new TypedHub(build(baseUrl, '/hubs/chat', options));
}

/** The radio hub (not started); a token is optional. */
export function radioHub(baseUrl: string, options: HubOptions = {}): RadioHub {
  return new TypedHub(build(baseUrl, '/hubs/radio', options));
}

/** The code of a refused hub call ("RATE_LIMITED: ..." gives RATE_LIMITED), or null for any other failure. */
export function hubErrorCode(error: unknown): string | null {
  const match = /^([A-Z][A-Z_]+): /.exec(error instanceof Error ? error.message : String(error));
  return match?.[1] ?? null;
}
