import DataLoader from 'dataloader';
import { NotificationService } from './notification.service';
import { ReminderSetting } from './notification.entity';

export function createNotificationLoaders(notifications: NotificationService) {
  return {
    /** Every kind of reminder per board, defaults filled in: one statement for any number of boards. */
    reminderSettingsByBoard: new DataLoader<string, ReminderSetting[]>((boardIds) => notifications.settingsForBoards(boardIds)),
  };
}
