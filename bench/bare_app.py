"""The start-up peer: a bare Textual app with a Header, an OptionList and a Footer."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, OptionList


class BareApp(App[None]):
    """As little as a Textual list app can be."""

    def compose(self) -> ComposeResult:
        """Header, a list of eight items, footer."""
        yield Header()
        yield OptionList(*[f"Bare item {number}" for number in range(8)])
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
