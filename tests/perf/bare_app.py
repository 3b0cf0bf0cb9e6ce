"""The baseline for start-up: a bare Textual App with a Header, the sign-in
screen's heading as a Static, and a Footer, nothing else."""

from textual.app import App
from textual.widgets import Footer, Header, Static


class BareApp(App):
    def compose(self):
        yield Header()
        yield Static("Sign in to your plan")
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
