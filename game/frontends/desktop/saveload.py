"""Save and Load: the slots with a picture of the page, chapter, scene, date, play time and a line of text.

The list reads only the saves' headers (SaveStore.list) and their pictures (thumbs.py, PNGs
beside the saves), and draws only the rows in view, so a folder of hundreds of saves opens at
once; a missing or broken picture shows as an empty frame. Overwriting asks first; a slot can
be renamed (F2, the pad's Y, or "Rename" on the row) and deleted after asking (Delete, X, "Delete").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import pygame

from game.engine.diagnostics import plural
from game.engine.saves import SlotInfo
from game.frontends.common import play_time_text
from game.frontends.desktop.dialog import ConfirmDialog
from game.frontends.desktop.events import Click, Event, Key, Motion, Pad, Wheel, intent
from game.frontends.desktop.framed import FramedScreen
from game.frontends.desktop.namedialog import NameDialog
from game.frontends.desktop.screen import Host
from game.frontends.desktop.theme import Look
from game.frontends.desktop.thumbs import Pictures
from game.frontends.desktop.ui import pill


@dataclass(frozen=True, slots=True)
class Row:
    slot: str  # what SaveStore takes: a slot name, or a path for files it did not name
    label: str
    title: str
    facts: str
    excerpt: str
    used: bool
    enabled: bool
    path: Path | None = None  # the save file (its picture is beside it)
    name: str = ""  # the player's name for it
    scene: str = ""  # the scene's title: a name offered when renaming


def when(saved_at: str) -> str:
    try:
        d = datetime.fromisoformat(saved_at)
    except ValueError:
        return ""
    return f"{d.day} {d.strftime('%b %Y, %H:%M')}"


def slot_label(info: SlotInfo) -> str:
    if info.kind == "quick":
        return "Quicksave"
    if info.kind == "auto" and info.slot.startswith("auto-"):
        return f"Autosave {info.slot[5:]}"
    if info.slot.isdigit():
        return f"Slot {info.slot}" + (f" · {info.name}" if info.name else "")
    return info.slot


def row_for(info: SlotInfo, enabled: bool = True) -> Row:
    if info.error:
        return Row(str(info.path), slot_label(info), "This save cannot be loaded", when(info.saved_at), info.error, True, False,
                   Path(info.path))
    title = f"{info.chapter} — {info.title}" if info.chapter else info.title
    facts = " · ".join(x for x in (when(info.saved_at), f"played {play_time_text(info.play_seconds)}", plural(info.moves, "move")) if x)
    slot = info.slot if info.slot.isdigit() or info.kind in ("quick", "auto") else str(info.path)
    return Row(slot, slot_label(info), title, facts, info.excerpt, True, enabled, Path(info.path), info.name or "", info.title)


class SaveLoadScreen(FramedScreen):
    def __init__(self, host: Host, mode: str) -> None:
        self.mode = mode  # "save" | "load"
        self.name = mode
        self.heading = "Save" if mode == "save" else "Load"
        self.rows: list[Row] = []
        self.focus = 0
        self.scroll = 0
        self.rects: list[tuple[int, pygame.Rect]] = []
        self.links: dict[str, pygame.Rect] = {}  # "rename", "delete" on the focused row, for a mouse
        self.pictures = Pictures()
        super().__init__(host)
        self.refresh()

    def refresh(self) -> None:
        try:
            infos = self.host.session.store.list()
        except Exception as exc:  # an unreadable folder shows as empty, with the reason
            infos = []
            self.host.toast(f"The saves folder cannot be read: {exc}")
        if self.mode == "save":
            by_slot = {i.slot: i for i in infos if i.slot.isdigit()}
            highest = max((int(s) for s in by_slot), default=0)
            count = min(99, max(9, highest + 1))
            self.rows = [row_for(by_slot[str(n)]) if str(n) in by_slot else Row(str(n), f"Slot {n}", "Empty", "", "", False, True)
                         for n in range(1, count + 1)]
            for n, r in enumerate(self.rows):  # a broken file in a slot can still be overwritten
                if not r.enabled:
                    self.rows[n] = replace(r, slot=r.slot if r.slot.isdigit() else str(n + 1), enabled=True)
        else:
            self.rows = [row_for(i) for i in infos]
        self.focus = min(self.focus, max(0, len(self.rows) - 1))
        self.host.dirty = True

    # ---- acting ---------------------------------------------------------------------------------
    def act(self, index: int) -> None:
        if not 0 <= index < len(self.rows):
            return
        row = self.rows[index]
        if not row.enabled:
            self.host.toast(row.excerpt or "This save cannot be loaded.")
            return
        if self.mode == "save":
            if row.used:
                question = f"Overwrite {row.label.lower() if row.label.startswith('Slot') else row.label} ({row.title})?"
                self.host.push(ConfirmDialog(self.host, question, "Overwrite", location=self.location),
                               lambda yes: self.save(row.slot, row.name) if yes else None)
            else:
                self.save(row.slot)
        elif self.host.session.unsaved:
            question = "Load this save? What you have done since the run was last saved will be lost."
            self.host.push(ConfirmDialog(self.host, question, "Load", location=self.location),
                           lambda yes: self.load(row.slot, yes))
        else:
            self.host.load_game(row.slot)

    def load(self, slot: str, yes: bool = True) -> None:
        if yes:
            self.host.load_game(slot)

    def save(self, slot: str, name: str = "") -> None:
        self.host.toast(self.host.session.save(slot, name)[1])
        self.refresh()

    def rename(self, index: int) -> None:
        if not 0 <= index < len(self.rows):
            return
        row = self.rows[index]
        if not (row.used and row.enabled and row.slot.isdigit()):
            self.host.toast("Only a numbered slot with a save in it can be given a name.", 2.6)
            return

        def answered(name: str | None) -> None:
            if name is not None:
                self.host.toast(self.host.session.rename(row.slot, name))
                self.refresh()

        self.host.push(NameDialog(self.host, f"A name for {row.label.lower()}:", row.name or row.scene, self.location), answered)

    def delete(self, index: int) -> None:
        if not 0 <= index < len(self.rows) or not self.rows[index].used:
            return
        row = self.rows[index]

        def answered(yes: bool) -> None:
            if not yes:
                return
            try:
                self.host.session.delete(row.slot)
                self.host.toast(f"{row.label} deleted.")
            except Exception as exc:
                self.host.toast(str(exc))
            self.refresh()

        self.host.push(ConfirmDialog(self.host, f"Delete {row.label} ({row.title})? This cannot be undone.", "Delete",
                                     location=self.location), answered)

    # ---- events ---------------------------------------------------------------------------------
    def on_event(self, ev: Event) -> None:
        if self.handle_back(ev):
            return
        what = intent(ev)
        host = self.host
        if what in ("up", "down") and self.rows:
            host.keyboard_mode = True
            self.focus = max(0, min(len(self.rows) - 1, self.focus + (1 if what == "down" else -1)))
            self.keep_visible()
        elif what == "accept":
            self.act(self.focus)
        elif (isinstance(ev, Key) and ev.name == "delete") or (isinstance(ev, Pad) and ev.button == "x"):
            self.delete(self.focus)
        elif (isinstance(ev, Key) and ev.name == "f2") or (isinstance(ev, Pad) and ev.button == "y"):
            self.rename(self.focus)
        elif isinstance(ev, Key) and ev.name in ("pageup", "pagedown"):
            per = max(1, self.content.height // self.row_height())
            self.focus = max(0, min(len(self.rows) - 1, self.focus + (per if ev.name == "pagedown" else -per)))
            self.keep_visible()
        elif isinstance(ev, Wheel):
            self.scroll_to(self.scroll - ev.dy * self.row_height())
        elif isinstance(ev, Motion):
            hit = self.hit(ev.x, ev.y)
            if hit is None or hit == self.focus:
                return
            self.focus = hit
        elif isinstance(ev, Click) and ev.button == 1:
            link = next((word for word, r in self.links.items() if r.collidepoint(ev.x, ev.y)), None)
            if link is not None:
                (self.rename if link == "rename" else self.delete)(self.focus)
                return
            hit = self.hit(ev.x, ev.y)
            if hit is not None:
                self.focus = hit
                self.act(hit)
        else:
            return
        host.dirty = True

    def speech(self) -> tuple[object, str] | None:
        if not self.rows:
            return (self.name, -1), f"{self.heading}. No saves yet."
        row = self.rows[self.focus]
        words = f"{row.label}: {row.title}. {row.facts}" if row.used else f"{row.label}: empty"
        return (self.name, self.focus, words), words

    def hit(self, x: int, y: int) -> int | None:
        return next((i for i, r in self.rects if r.collidepoint(x, y)), None)

    def row_height(self) -> int:
        m = self.host.metrics
        return round(m.ui * 1.3 + m.small * 2.6 + m.small * 1.1)

    def scroll_to(self, y: int) -> None:
        most = max(0, len(self.rows) * self.row_height() - self.content.height)
        self.scroll = max(0, min(most, y))

    def keep_visible(self) -> None:
        rh = self.row_height()
        top = self.focus * rh
        if top < self.scroll:
            self.scroll_to(top)
        elif top + rh > self.scroll + self.content.height:
            self.scroll_to(top + rh - self.content.height)

    # ---- drawing --------------------------------------------------------------------------------
    def on_draw(self, surface: pygame.Surface) -> None:
        host = self.host
        m = host.metrics
        look = self.draw_frame(surface)
        self.rects = []
        c = self.content
        if not self.rows:
            t = "No saves yet. The game saves by itself as you enter each scene."
            s = host.pen.label(t, "italic", m.body, look.muted, c.width)
            host.pen.put(surface, s, (c.centerx - s.get_width() // 2, c.top + m.body), t)
            return
        rh = self.row_height()
        first = self.scroll // rh
        self.links = {}
        old_clip = surface.get_clip()
        surface.set_clip(c)
        for i in range(first, len(self.rows)):
            y = c.top + i * rh - self.scroll
            if y >= c.bottom:
                break
            row = self.rows[i]
            rect = pygame.Rect(c.left - 8, y, c.width + 16, rh - round(m.small * 0.5))
            focused = i == self.focus
            if focused:
                pill(surface, rect, look.select_bg, 235)
            self.rects.append((i, rect))
            self.draw_row(surface, look, row, rect, focused)
        surface.set_clip(old_clip)
        if len(self.rows) * rh > c.height:  # a thin bar shows where the list is
            total = len(self.rows) * rh
            h = max(20, c.height * c.height // total)
            y = c.top + (c.height - h) * self.scroll // max(1, total - c.height)
            x = self.panel.right - round(m.body * 0.5)
            pygame.draw.line(surface, look.faint, (x, c.top), (x, c.bottom), 1)
            pygame.draw.line(surface, look.muted, (x, y), (x, y + h), 3)

    def draw_row(self, surface: pygame.Surface, look: Look, row: Row, rect: pygame.Rect, focused: bool) -> None:
        host = self.host
        m = host.metrics
        pic = self.draw_picture(surface, look, row, rect)
        x = pic.right + 14
        inner = rect.right - 14 - x
        y = rect.top + round(m.small * 0.45)
        ink = look.accent if focused else (look.ink if row.enabled else look.disabled)
        label = host.pen.label(row.label, "regular", m.ui, ink, inner // 2)
        self._put(surface, label, (x, y), row.label, rect)
        title = host.pen.label(row.title, "italic" if not row.used else "regular", m.ui, look.muted if not row.used else ink,
                               inner - label.get_width() - m.ui)
        self._put(surface, title, (rect.right - 14 - title.get_width(), y), row.title, rect)
        y += round(m.ui * 1.3)
        links = self.draw_links(surface, look, row, rect, y) if focused else 0
        if row.facts:
            f = host.pen.label(row.facts, "regular", m.small, look.muted, inner - links)
            self._put(surface, f, (x, y), row.facts, rect)
        y += round(m.small * 1.3)
        if row.excerpt:
            e = host.pen.label(row.excerpt, "italic", m.small, look.muted if row.enabled else look.disabled, inner)
            self._put(surface, e, (x, y), row.excerpt, rect)

    def draw_picture(self, surface: pygame.Surface, look: Look, row: Row, rect: pygame.Rect) -> pygame.Rect:
        """The page as it was saved, at the row's left; an empty frame where there is none."""
        h = rect.height - 12
        frame = pygame.Rect(rect.left + 10, rect.top + 6, round(h * 16 / 9), h)
        if not row.used:
            return frame  # an empty slot keeps the room, quietly
        picture = self.pictures.get(row.path) if row.path is not None else None
        if picture is not None:
            surface.blit(pygame.transform.smoothscale(picture, frame.size), frame.topleft)
        else:
            pygame.draw.rect(surface, look.page, frame)
        pygame.draw.rect(surface, look.faint, frame, 1)
        return frame

    def draw_links(self, surface: pygame.Surface, look: Look, row: Row, rect: pygame.Rect, y: int) -> int:
        """Rename and Delete on the focused row, at its right (a mouse's way to them). Returns the width they take."""
        self.links = {}
        if not row.used:
            return 0
        m = self.host.metrics
        x = rect.right - 14
        for word in (("delete",) if not (row.enabled and row.slot.isdigit()) else ("delete", "rename")):
            s = self.host.pen.label(word.capitalize(), "italic", m.small, look.accent)
            x -= s.get_width()
            self._put(surface, s, (x, y), word.capitalize(), rect)
            self.links[word] = pygame.Rect(x - 6, y - 4, s.get_width() + 12, s.get_height() + 8)
            x -= round(m.small * 1.2)
        return rect.right - 14 - x

    def _put(self, surface: pygame.Surface, s: pygame.Surface, pos: tuple[int, int], text: str, row: pygame.Rect) -> None:
        """Draw a row's text; record only what the list's viewport shows (the layout tests check it)."""
        surface.blit(s, pos)
        r = pygame.Rect(pos, s.get_size()).clip(self.content)
        if r.width > 0 and r.height > 0:
            self.host.pen.note(r, text)
