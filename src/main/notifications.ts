// Desktop notifications for what the renderer finds due: a review call within the hour, a Go
// Live within 24 h, a response objective about to be missed. A click brings the console forward.
import type { NotificationConstructorOptions } from 'electron';
import type { NotificationRequest } from '../preload/api';

/** A response objective about to be missed stays on screen until the TAM dismisses it. */
export function notificationOptions(request: NotificationRequest): NotificationConstructorOptions {
  const urgent = request.kind === 'response-objective';
  return {
    title: request.title,
    body: request.body,
    urgency: urgent ? 'critical' : 'normal',
    timeoutType: urgent ? 'never' : 'default',
    silent: false,
  };
}

export type NativeNotifications = {
  isSupported(): boolean;
  show(request: NotificationRequest): void;
};

type ShownNotification = {
  on(event: 'click', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  show(): void;
};

/** Electron's Notification class, narrowed to what is used here. */
export type NotificationClass = {
  new (options: NotificationConstructorOptions): ShownNotification;
  isSupported(): boolean;
};

export function nativeNotifications(
  Notification: NotificationClass,
  onClick: () => void,
): NativeNotifications {
  // Held until closed: a notification that is garbage-collected loses its click handler.
  const visible = new Set<ShownNotification>();
  return {
    isSupported: () => Notification.isSupported(),
    show(request) {
      const notification = new Notification(notificationOptions(request));
      visible.add(notification);
      notification.on('click', () => {
        visible.delete(notification);
        onClick();
      });
      notification.on('close', () => visible.delete(notification));
      notification.show();
    },
  };
}
