import type { Locator, Page } from '@playwright/test';

/** The dashboard frame: toolbar, main navigation, language switch. */
export class ShellPage {
  constructor(private readonly page: Page) {}

  /** The sidenav's navigation landmark (its name follows the language). */
  navigation(name = /Main navigation|主导航/): Locator {
    return this.page.getByRole('navigation', { name });
  }

  navLinks(): Locator {
    return this.navigation().getByRole('link');
  }

  toolbar(): Locator {
    return this.page.getByRole('banner');
  }

  async switchLanguage(to: '中文' | 'English'): Promise<void> {
    await this.page.getByRole('button', { name: /^(Language|语言)$/ }).click();
    await this.page.getByRole('menuitem', { name: to }).click();
  }

  menuButton(): Locator {
    return this.page.getByRole('button', { name: /^(Open menu|打开菜单)$/ });
  }
}
