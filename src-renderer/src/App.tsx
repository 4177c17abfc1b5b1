export function App() {
  return (
    <main>
      <h1>Cairn</h1>
    </main>
  )
}
